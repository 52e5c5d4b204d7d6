/**
 * A preload for the compiled bot in tests (`NODE_OPTIONS=-r …/loadedPackages.cjs`): on SIGUSR2 it
 * prints one JSON line naming the packages of the repository's own node_modules that the process
 * has loaded so far (`{"msg":"loaded packages","packages":[…]}`). Nested copies (a library's own
 * node_modules) are not counted. Nothing else about the bot changes.
 */
const path = require('node:path');

const root = path.resolve(__dirname, '..', '..', 'node_modules') + path.sep;

function loadedPackages() {
  const packages = new Set();
  for (const file of Object.keys(require.cache)) {
    if (!file.startsWith(root)) continue;
    const parts = file.slice(root.length).split(path.sep);
    // A path with node_modules further down belongs to a copy nested in another package.
    if (parts.includes('node_modules')) continue;
    packages.add(parts[0].startsWith('@') ? `${parts[0]}/${parts[1]}` : parts[0]);
  }
  return [...packages].sort();
}

process.on('SIGUSR2', () => {
  process.stdout.write(`${JSON.stringify({ msg: 'loaded packages', packages: loadedPackages() })}\n`);
});
