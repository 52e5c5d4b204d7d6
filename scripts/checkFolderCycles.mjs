#!/usr/bin/env node
// Fails when the top-level folders under a source root import each other in a circle
// (e.g. chats → commands → chats). Usage: node scripts/checkFolderCycles.mjs [root=src]
// Reads every .ts file's imports with the TypeScript compiler's own pre-processor, resolves the
// relative ones to files, and looks for strongly connected components in the folder graph.
// Files directly under the root (index.ts, app.ts) form the folder ".".
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import ts from 'typescript';

const root = resolve(process.argv[2] ?? 'src');

function sourceFiles(dir) {
  return readdirSync(dir).flatMap((name) => {
    const full = join(dir, name);
    if (statSync(full).isDirectory()) return sourceFiles(full);
    return /\.(ts|tsx|mts|cts)$/.test(name) && !name.endsWith('.d.ts') ? [full] : [];
  });
}

/** The file a relative specifier names, as TypeScript would find it; undefined for packages. */
function resolveImport(from, specifier) {
  if (!specifier.startsWith('.')) return undefined;
  const base = resolve(dirname(from), specifier);
  const candidates = [base, `${base}.ts`, `${base}.tsx`, join(base, 'index.ts'), base.replace(/\.js$/, '.ts')];
  return candidates.find((candidate) => existsSync(candidate) && statSync(candidate).isFile());
}

function folderOf(file) {
  const parts = relative(root, file).split(sep);
  return parts.length > 1 ? parts[0] : '.';
}

/** folder → folder → one example import that makes the edge ("a.ts imports b.ts"). */
const edges = new Map();
for (const file of sourceFiles(root)) {
  const { importedFiles } = ts.preProcessFile(readFileSync(file, 'utf8'), true, true);
  for (const { fileName } of importedFiles) {
    const target = resolveImport(file, fileName);
    if (target === undefined || !target.startsWith(root + sep)) continue;
    const from = folderOf(file);
    const to = folderOf(target);
    if (from === to) continue;
    if (!edges.has(from)) edges.set(from, new Map());
    if (!edges.get(from).has(to)) edges.get(from).set(to, `${relative(root, file)} imports ${relative(root, target)}`);
  }
}

// Tarjan's strongly connected components: any component of two or more folders holds a cycle.
const index = new Map();
const low = new Map();
const stack = [];
const onStack = new Set();
const components = [];
let counter = 0;
function visit(node) {
  index.set(node, counter);
  low.set(node, counter);
  counter += 1;
  stack.push(node);
  onStack.add(node);
  for (const next of edges.get(node)?.keys() ?? []) {
    if (!index.has(next)) {
      visit(next);
      low.set(node, Math.min(low.get(node), low.get(next)));
    } else if (onStack.has(next)) {
      low.set(node, Math.min(low.get(node), index.get(next)));
    }
  }
  if (low.get(node) === index.get(node)) {
    const component = [];
    let member;
    do {
      member = stack.pop();
      onStack.delete(member);
      component.push(member);
    } while (member !== node);
    if (component.length > 1) components.push(component.sort());
  }
}
for (const node of [...edges.keys()].sort()) if (!index.has(node)) visit(node);

if (components.length === 0) {
  console.log(`No import cycle between the folders of ${relative(process.cwd(), root) || '.'}.`);
  process.exit(0);
}
console.error(`Import cycles between the folders of ${relative(process.cwd(), root) || '.'}:`);
for (const component of components) {
  console.error(`- ${component.join(', ')}`);
  for (const from of component) {
    for (const [to, example] of edges.get(from) ?? []) if (component.includes(to)) console.error(`    ${from} → ${to}: ${example}`);
  }
}
console.error('Move what both sides need into a folder lower down, so that imports point one way.');
process.exit(1);
