/**
 * A preload for the compiled bot in tests (`NODE_OPTIONS=-r …/processBindingWatch.cjs`): every
 * call of `process.binding` (Node's legacy access to its internals, whose modules newer Node
 * releases remove, as Node 24 removed `http_parser`) prints one JSON line naming the module and
 * the caller's stack, then goes on as Node would. Nothing else about the process changes.
 */
const original = process.binding;

process.binding = function watchedBinding(name) {
  const stack = (new Error().stack ?? '').split('\n').slice(2, 8).map((line) => line.trim());
  process.stdout.write(`${JSON.stringify({ msg: 'process.binding called', module: String(name), stack })}\n`);
  return original.call(process, name);
};
process.stdout.write(`${JSON.stringify({ msg: 'process.binding watched' })}\n`);
