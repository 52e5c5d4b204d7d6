import path from 'node:path';

/**
 * The compiled bot in `dist/` (not the copy compiled beside this file, which would look for the
 * card templates in the wrong place): the very modules `npm start` runs.
 */
const DIST = path.resolve(__dirname, '..', '..', 'dist');
function fromDist<T>(module: string): T {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return require(path.join(DIST, module)) as T;
}
const { startApp } = fromDist<typeof import('../src/app')>('app.js');
const { loadConfig } = fromDist<typeof import('../src/config/loadConfig')>('config/loadConfig.js');
const { createLogger } = fromDist<typeof import('../src/logging/createLogger')>('logging/createLogger.js');
const { MemoryStateStore } = fromDist<typeof import('../src/state/memoryStateStore')>('state/memoryStateStore.js');

/**
 * The bot exactly as `src/index.ts` starts it, except that its in-memory state store forgets
 * requests after BENCH_STATE_TTL_MS instead of a day: 5,000 turns then show whether anything
 * else is kept per turn (what the store keeps on purpose expires within the run).
 */
async function main(): Promise<void> {
  const config = loadConfig(process.env);
  const ttlMs = Number(process.env.BENCH_STATE_TTL_MS ?? '');
  if (!Number.isInteger(ttlMs) || ttlMs <= 0) throw new Error('BENCH_STATE_TTL_MS must be a positive number of milliseconds');
  const logger = createLogger({ level: config.logLevel });
  const app = await startApp(config, { logger, store: new MemoryStateStore({ ttlMs }) });
  process.once('SIGTERM', () => {
    app.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  });
}

main().catch((error: unknown) => {
  process.stderr.write(`short-expiry bot failed: ${String(error)}\n`);
  process.exit(1);
});
