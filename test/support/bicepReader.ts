import { readFileSync } from 'node:fs';

/**
 * Enough of Bicep to check our templates without a Bicep compiler (none installs here): the
 * top-level declarations and a resource's body as text. It reads the layout `bicep format` writes
 * (one declaration per line, bodies closed by a `}` or `]` at column 0) and fails loudly on a
 * file it cannot read that way, so a template that drifts from it breaks the tests, not silently.
 */
export interface BicepParam {
  readonly name: string;
  readonly type: string;
  /** The default's source text, when there is one. */
  readonly defaultValue?: string;
  /** `@allowed([...])` values, `@minValue`/`@maxValue`. */
  readonly allowed?: readonly string[];
  readonly min?: number;
  readonly max?: number;
}

export interface BicepDeclaration {
  readonly symbol: string;
  /** `Microsoft.Web/sites` for resources, the file path for modules. */
  readonly type: string;
  readonly apiVersion?: string;
  readonly existing: boolean;
  /** Everything from the declaration line to its closing bracket at column 0. */
  readonly body: string;
}

export interface BicepFile {
  readonly params: readonly BicepParam[];
  readonly outputs: ReadonlyMap<string, string>;
  readonly resources: readonly BicepDeclaration[];
  readonly modules: readonly BicepDeclaration[];
  resource(symbol: string): BicepDeclaration;
}

export function readBicep(path: string): BicepFile {
  const lines = readFileSync(path, 'utf8').split('\n');
  const params: BicepParam[] = [];
  const outputs = new Map<string, string>();
  const resources: BicepDeclaration[] = [];
  const modules: BicepDeclaration[] = [];
  let decorators: string[] = [];
  for (let i = 0; i < lines.length; i += 1) {
    const line = lines[i]!;
    if (line.startsWith('@')) {
      // A decorator may span lines (`@allowed([` … `])`).
      let text = line;
      while (!balanced(text)) text += `\n${lines[++i]}`;
      decorators.push(text);
      continue;
    }
    const param = /^param (\w+) ([\w[\]]+)(?: = (.+))?$/.exec(line);
    if (param) {
      params.push({ name: param[1]!, type: param[2]!, ...(param[3] !== undefined ? { defaultValue: param[3] } : {}), ...constraints(decorators) });
    }
    const output = /^output (\w+) \w+ = (.+)$/.exec(line);
    if (output) outputs.set(output[1]!, output[2]!);
    const declaration = /^(resource|module) (\w+) '([^']+)'( existing)? = /.exec(line);
    if (declaration) {
      const end = lines.findIndex((candidate, index) => index > i && /^[}\]]/.test(candidate));
      if (end < 0) throw new Error(`${path}: the body of ${declaration[2]} does not close at column 0`);
      const body = lines.slice(i, end + 1).join('\n');
      const [type, apiVersion] = declaration[3]!.split('@');
      const entry: BicepDeclaration = { symbol: declaration[2]!, type: type!, ...(apiVersion ? { apiVersion } : {}), existing: declaration[4] !== undefined, body };
      (declaration[1] === 'resource' ? resources : modules).push(entry);
      i = end;
    }
    if (!line.startsWith('@')) decorators = [];
  }
  return {
    params,
    outputs,
    resources,
    modules,
    resource(symbol) {
      const found = resources.find((entry) => entry.symbol === symbol);
      if (!found) throw new Error(`${path} declares no resource ${symbol}`);
      return found;
    },
  };
}

/** `name: value` pairs inside a body (the first of each name, whitespace trimmed). */
export function property(body: string, name: string): string | undefined {
  return new RegExp(`^\\s*${name}: (.+)$`, 'm').exec(body)?.[1]?.trim();
}

/** The `{ name: 'X' value: … }` entries of an `appSettings: [ … ]` list. */
export function appSettings(body: string): Map<string, string> {
  const start = body.indexOf('appSettings: [');
  if (start < 0) throw new Error('no appSettings list');
  const list = body.slice(start, body.indexOf('\n      ]', start));
  const settings = new Map<string, string>();
  for (const match of list.matchAll(/name: '([^']+)'\s*\n\s*value: (.+)/g)) settings.set(match[1]!, match[2]!.trim());
  return settings;
}

function balanced(text: string): boolean {
  const count = (pattern: RegExp): number => (text.match(pattern) ?? []).length;
  return count(/\(/g) === count(/\)/g) && count(/\[/g) === count(/\]/g);
}

function constraints(decorators: readonly string[]): Pick<BicepParam, 'allowed' | 'min' | 'max'> {
  const result: { allowed?: string[]; min?: number; max?: number } = {};
  for (const decorator of decorators) {
    if (decorator.startsWith('@allowed(')) result.allowed = [...decorator.matchAll(/'([^']*)'/g)].map((match) => match[1]!);
    const min = /^@minValue\((\d+)\)/.exec(decorator);
    if (min) result.min = Number(min[1]);
    const max = /^@maxValue\((\d+)\)/.exec(decorator);
    if (max) result.max = Number(max[1]);
  }
  return result;
}
