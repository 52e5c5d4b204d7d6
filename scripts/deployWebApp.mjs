#!/usr/bin/env node
// The second of the two Azure CLI commands (docs/deploy.md): hands build/webapp.zip (made by
// `npm run build:webapp`) to App Service with `az webapp deploy`. The web app is named by
//   --resource-group RG --name APP            (what `az deployment group create` printed), or
//   --resource-id ID                           (the BOT_AZURE_APP_SERVICE_RESOURCE_ID output), or
//   --env NAME                                 (reads that output from env/.env.NAME, as the Toolkit writes it)
// plus --zip FILE to deploy another zip. Run as `npm run deploy:azure -- <those arguments>`.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

const repo = resolve(import.meta.dirname, '..');
const SITE_ID = /^\/subscriptions\/([^/]+)\/resourceGroups\/([^/]+)\/providers\/Microsoft\.Web\/sites\/([^/]+)$/i;

function parseArgs(argv) {
  const values = {};
  for (let i = 0; i < argv.length; i += 2) {
    const name = argv[i]?.replace(/^--/, '');
    if (!['resource-group', 'name', 'resource-id', 'env', 'zip'].includes(name ?? '') || argv[i + 1] === undefined) {
      throw new Error(`unexpected argument "${argv[i]}" (expected --resource-group RG --name APP, --resource-id ID or --env NAME, and optionally --zip FILE)`);
    }
    values[name] = argv[i + 1];
  }
  return values;
}

/** The one value a KEY=value line gives KEY in an env file the Toolkit wrote. */
function readEnvValue(file, key) {
  if (!existsSync(file)) throw new Error(`${file} does not exist`);
  const line = readFileSync(file, 'utf8').split(/\r?\n/).find((entry) => entry.startsWith(`${key}=`));
  const value = line?.slice(key.length + 1).trim().replace(/^"(.*)"$/, '$1');
  if (!value) throw new Error(`${file} has no ${key} (run the provision step first)`);
  return value;
}

/** Subscription (when known), resource group and name of the web app. */
function target(args) {
  const resourceId = args['resource-id'] ?? (args.env ? readEnvValue(join(repo, 'env', `.env.${args.env}`), 'BOT_AZURE_APP_SERVICE_RESOURCE_ID') : undefined);
  if (resourceId) {
    const match = SITE_ID.exec(resourceId);
    if (!match) throw new Error(`"${resourceId}" is not a web app's resource id (/subscriptions/…/resourceGroups/…/providers/Microsoft.Web/sites/…)`);
    return { subscription: match[1], resourceGroup: match[2], name: match[3] };
  }
  if (!args['resource-group'] || !args.name) throw new Error('name the web app: --resource-group RG --name APP, --resource-id ID or --env NAME');
  return { resourceGroup: args['resource-group'], name: args.name };
}

try {
  const args = parseArgs(process.argv.slice(2));
  const app = target(args);
  const zip = resolve(args.zip ?? join(repo, 'build', 'webapp.zip'));
  if (!existsSync(zip)) throw new Error(`${zip} does not exist: run \`npm run build:webapp\` first`);
  const azArgs = ['webapp', 'deploy', ...(app.subscription ? ['--subscription', app.subscription] : []), '--resource-group', app.resourceGroup, '--name', app.name, '--src-path', zip, '--type', 'zip'];
  console.log(`az ${azArgs.join(' ')}`);
  const result = spawnSync('az', azArgs, { stdio: 'inherit' });
  if (result.error) throw new Error(`could not run the Azure CLI (az): ${result.error.message}`);
  process.exitCode = result.status ?? 1;
} catch (error) {
  console.error(`Could not deploy: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
}
