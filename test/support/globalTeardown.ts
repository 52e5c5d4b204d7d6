import { SHARED_SERVICES, SharedServices } from './globalSetup';

/** Stops what `globalSetup` started. */
export default async function globalTeardown(): Promise<void> {
  const services = (globalThis as Record<symbol, SharedServices | undefined>)[SHARED_SERVICES];
  await services?.azurite.stop();
}
