import { AppPackageError } from './appPackageError';

/** What the packaging CLI was asked to do; parsing is pure so it can be tested alone. */
export type CliCommand =
  | { readonly kind: 'package'; readonly envName: string; readonly outDir: string | undefined }
  | { readonly kind: 'validateEnv'; readonly envName: string }
  | { readonly kind: 'validateZip'; readonly zipPath: string }
  | { readonly kind: 'help' };

export const USAGE = `Usage:
  node dist-tools/appPackage/cli.js package --env <name> [--out <folder>]
      Fill appPackage/manifest.json from env/.env.<name> and env/.env.<name>.user (the process
      environment wins), validate, and write appPackage/build/manifest.<name>.json and
      appPackage/build/appPackage.<name>.zip.
  node dist-tools/appPackage/cli.js validate --env <name>
      Build the package for <name> in memory and validate it (writes nothing).
  node dist-tools/appPackage/cli.js validate --zip <path>
      Validate an existing app package zip.`;

export function parseCliArgs(argv: readonly string[]): CliCommand {
  const [verb, ...rest] = argv;
  if (verb === undefined || verb === 'help' || verb === '--help' || verb === '-h') return { kind: 'help' };
  const options = readOptions(rest);
  if (verb === 'package') {
    const envName = options.get('--env');
    if (envName === undefined) throw usage('package needs --env <name>');
    onlyAllowed(options, ['--env', '--out']);
    return { kind: 'package', envName, outDir: options.get('--out') };
  }
  if (verb === 'validate') {
    onlyAllowed(options, ['--env', '--zip']);
    const envName = options.get('--env');
    const zipPath = options.get('--zip');
    if ((envName === undefined) === (zipPath === undefined)) throw usage('validate needs exactly one of --env <name> or --zip <path>');
    return envName !== undefined ? { kind: 'validateEnv', envName } : { kind: 'validateZip', zipPath: zipPath ?? '' };
  }
  throw usage(`unknown command "${verb}"`);
}

function readOptions(args: readonly string[]): Map<string, string> {
  const options = new Map<string, string>();
  for (let i = 0; i < args.length; i += 2) {
    const name = args[i] ?? '';
    const value = args[i + 1];
    if (!name.startsWith('--')) throw usage(`unexpected argument "${name}"`);
    if (value === undefined || value.startsWith('--')) throw usage(`${name} needs a value`);
    options.set(name, value);
  }
  return options;
}

function onlyAllowed(options: Map<string, string>, allowed: readonly string[]): void {
  for (const name of options.keys()) {
    if (!allowed.includes(name)) throw usage(`unknown option ${name}`);
  }
}

function usage(problem: string): AppPackageError {
  return new AppPackageError('USAGE', `${problem}\n\n${USAGE}`);
}
