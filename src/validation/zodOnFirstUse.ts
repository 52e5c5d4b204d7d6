import type * as Zod from 'zod';

/**
 * Schemas built with zod on their first use, then kept. zod is some 95 modules and about 6 MiB
 * of an idle bot's memory; only card submissions, the message extension and the key-set check
 * after a refused token need it, so a bot that has seen none of them has not loaded it. Node keeps the module once loaded; the schemas are
 * immutable, so one built set serves every turn. `test/integration/lazyModules.test.ts` checks
 * that the running bot has not loaded zod at start.
 */
export function zodOnFirstUse<T>(build: (zod: typeof Zod) => T): () => T {
  let built: T | undefined;
  return () => {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    built ??= build(require('zod') as typeof Zod);
    return built;
  };
}
