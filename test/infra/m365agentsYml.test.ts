import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { load } from 'js-yaml';
import { parseEnvText } from '../../src/config/envFile';
import { readBicep } from '../support/bicepReader';

const REPO = path.resolve(__dirname, '..', '..');

interface Step {
  readonly uses: string;
  readonly with?: Record<string, unknown>;
  readonly writeToEnvironmentFile?: Record<string, string>;
}
interface ProjectFile {
  readonly provision: Step[];
  readonly deploy: Step[];
  readonly publish: Step[];
}

const project = load(readFileSync(path.join(REPO, 'm365agents.yml'), 'utf8')) as ProjectFile;
const scripts = (JSON.parse(readFileSync(path.join(REPO, 'package.json'), 'utf8')) as { scripts: Record<string, string> }).scripts;
const outputs = readBicep(path.join(REPO, 'infra', 'azure.bicep')).outputs;
const envDev = parseEnvText(readFileSync(path.join(REPO, 'env', '.env.dev'), 'utf8'), 'env/.env.dev');

/** Every `${{NAME}}` a value uses. */
function placeholders(value: unknown): string[] {
  return [...JSON.stringify(value ?? null).matchAll(/\$\{\{(\w+)\}\}/g)].map((match) => match[1]!);
}

describe('m365agents.yml', () => {
  it('provisions the Teams app, then the bicep, then the package; no Entra app with a secret', () => {
    const uses = project.provision.map((step) => step.uses);
    expect(uses.slice(0, 2)).toEqual(['teamsApp/create', 'arm/deploy']);
    expect(uses).not.toContain('botAadApp/create');
    expect(uses).not.toContain('botFramework/create');
    expect(readFileSync(path.join(REPO, 'm365agents.yml'), 'utf8')).not.toMatch(/SECRET_|botPassword/);
  });

  it('names files that exist and npm scripts that exist', () => {
    const pathKeys = ['path', 'parameters', 'manifestPath', 'ignoreFile'];
    for (const stage of [project.provision, project.deploy, project.publish]) {
      for (const step of stage) {
        const files: string[] = [];
        const collect = (value: unknown): void => {
          if (Array.isArray(value)) value.forEach(collect);
          else if (value && typeof value === 'object') {
            for (const [key, inner] of Object.entries(value)) {
              if (pathKeys.includes(key) && typeof inner === 'string') files.push(inner);
              else collect(inner);
            }
          }
        };
        collect(step.with);
        for (const file of files) expect({ step: step.uses, file, exists: existsSync(path.join(REPO, file)) }).toEqual({ step: step.uses, file, exists: true });
        const args = step.uses === 'cli/runNpmCommand' ? String(step.with?.args ?? '') : '';
        const script = /^run (?:--silent )?([\w:-]+)/.exec(args)?.[1];
        if (script) expect({ script, defined: script in scripts }).toEqual({ script, defined: true });
      }
    }
  });

  it('every ${{NAME}} a step reads is in env/.env.dev, or written by an earlier step or the bicep\'s outputs', () => {
    const known = new Set<string>(['TEAMSFX_ENV', ...Object.keys(envDev)]);
    for (const stage of [project.provision, project.deploy, project.publish]) {
      for (const step of stage) {
        for (const name of placeholders(step.with)) expect({ step: step.uses, name, known: known.has(name) }).toEqual({ step: step.uses, name, known: true });
        for (const name of Object.values(step.writeToEnvironmentFile ?? {})) known.add(name);
        if (step.uses === 'arm/deploy') {
          const parameters = readFileSync(path.join(REPO, 'infra', 'azure.parameters.json'), 'utf8');
          for (const name of placeholders(parameters)) expect({ file: 'infra/azure.parameters.json', name, known: known.has(name) }).toEqual({ file: 'infra/azure.parameters.json', name, known: true });
          for (const name of outputs.keys()) known.add(name);
        }
      }
    }
  });

  it('the bicep outputs fill the variables the manifest and later steps read', () => {
    for (const name of ['BOT_ID', 'BOT_DOMAIN', 'BOT_ENDPOINT', 'BOT_TENANT_ID', 'BOT_TYPE', 'BOT_AZURE_APP_SERVICE_RESOURCE_ID']) expect([...outputs.keys()]).toContain(name);
    const manifest = readFileSync(path.join(REPO, 'appPackage', 'manifest.json'), 'utf8');
    for (const name of placeholders(manifest)) expect({ name, filled: name in envDev || outputs.has(name) }).toEqual({ name, filled: true });
  });

  it('deploys the production install build:webapp stages, with the ignore file, to the provisioned web app', () => {
    const zipDeploy = project.deploy.find((step) => step.uses === 'azureAppService/zipDeploy');
    expect(zipDeploy?.with).toEqual({ artifactFolder: './build/webapp', ignoreFile: './.webappignore', resourceId: '${{BOT_AZURE_APP_SERVICE_RESOURCE_ID}}' });
    const before = project.deploy.slice(0, project.deploy.indexOf(zipDeploy!)).map((step) => step.with?.args);
    expect(before).toContain('run build:webapp');
    expect(readFileSync(path.join(REPO, 'scripts', 'buildWebAppPackage.mjs'), 'utf8')).toContain("join(repo, 'build', 'webapp')");
  });
});
