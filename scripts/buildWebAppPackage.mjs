#!/usr/bin/env node
// Builds the zip App Service runs: a production install of the compiled bot. It stages
// package.json, package-lock.json, dist/ and cards/ in build/webapp/, installs the runtime
// dependencies there (`npm ci --omit=dev`: never the tools' libraries), then zips what
// .webappignore lets through (no source maps, type declarations, docs or lock file) to
// build/webapp.zip. Run through `npm run build:webapp` (which compiles first).
//   --offline   npm ci from npm's cache only (tests: nothing leaves this machine)
//   --out FILE  where the zip goes (default build/webapp.zip)
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { createRequire } from 'node:module';

const repo = resolve(import.meta.dirname, '..');
const require = createRequire(import.meta.url);
const JSZip = require('jszip');
const ignore = require('ignore');

/** What `npm start` needs, copied from the checkout before the runtime dependencies are installed. */
const STAGED_ENTRIES = ['package.json', 'package-lock.json', 'dist', 'cards'];

function parseArgs(argv) {
  const options = { offline: false, out: join(repo, 'build', 'webapp.zip') };
  for (let i = 0; i < argv.length; i += 1) {
    if (argv[i] === '--offline') options.offline = true;
    else if (argv[i] === '--out' && argv[i + 1]) options.out = resolve(argv[++i]);
    else throw new Error(`unknown argument "${argv[i]}" (expected --offline or --out FILE)`);
  }
  return options;
}

/** Every file under `root`, as a path relative to it with forward slashes. */
function listFiles(root, under = root) {
  return readdirSync(under, { withFileTypes: true }).flatMap((entry) => {
    const full = join(under, entry.name);
    if (entry.isDirectory()) return listFiles(root, full);
    return entry.isFile() ? [relative(root, full).split(sep).join('/')] : [];
  });
}

async function main() {
  const options = parseArgs(process.argv.slice(2));
  if (!existsSync(join(repo, 'dist', 'index.js'))) throw new Error('dist/index.js is missing: run `npm run build` first');
  const stage = join(repo, 'build', 'webapp');
  rmSync(stage, { recursive: true, force: true });
  mkdirSync(stage, { recursive: true });
  for (const entry of STAGED_ENTRIES) cpSync(join(repo, entry), join(stage, entry), { recursive: true });

  const npmArgs = ['ci', '--omit=dev', '--ignore-scripts', '--no-audit', '--no-fund', ...(options.offline ? ['--offline'] : [])];
  const install = spawnSync('npm', npmArgs, { cwd: stage, encoding: 'utf8' });
  if (install.status !== 0) throw new Error(`npm ${npmArgs.join(' ')} failed:\n${install.stdout}${install.stderr}`);

  const filter = ignore().add(readFileSync(join(repo, '.webappignore'), 'utf8'));
  const files = listFiles(stage).filter((file) => !filter.ignores(file));
  const zip = new JSZip();
  for (const file of files) {
    const full = join(stage, file);
    zip.file(file, readFileSync(full), { unixPermissions: statSync(full).mode, date: new Date('2026-01-01T00:00:00Z') });
  }
  const bytes = await zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE', compressionOptions: { level: 6 }, platform: 'UNIX' });
  mkdirSync(dirname(options.out), { recursive: true });
  writeFileSync(options.out, bytes);
  console.log(`${relative(repo, options.out)}: ${files.length} files, ${(bytes.length / 1024 / 1024).toFixed(1)} MiB zipped`);
}

main().catch((error) => {
  console.error(`Could not build the web app package: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
});
