import type * as Zod from 'zod';

/**
 * Schemas built with zod on their first use, then kept. zod is some 95 modules and a sixth of an
 * idle bot's memory; only card submissions and the message extension need it, so a bot that has
 * not seen one yet has not loaded it. Node keeps the module once loaded; the schemas are
 * immutable, so one built set serves every turn.
 */
export function zodOnFirstUse<T>(build: (zod: typeof Zod) => T): () => T {
  let built: T | undefined;
  return () => {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    built ??= build(require('zod') as typeof Zod);
    return built;
  };
}
