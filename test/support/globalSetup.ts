import { Azurite, SHARED_AZURITE_PORT_VARIABLE, startAzurite } from './azurite';

/** Where the set-up leaves the running services for the teardown (jest runs both in its main process). */
export interface SharedServices {
  readonly azurite: Azurite;
}
export const SHARED_SERVICES = Symbol.for('chat-starter.test.sharedServices');

/**
 * Starts what test files can share safely, once per jest run: Azurite (each test keeps to its
 * own containers). Workers are started after this and inherit the port through the environment.
 * The sandbox tenant is not shared: tests read and set its request log, faults and rate limits
 * in-process, and it starts in a fraction of a second.
 */
export default async function globalSetup(): Promise<void> {
  const azurite = await startAzurite();
  process.env[SHARED_AZURITE_PORT_VARIABLE] = String(azurite.port);
  (globalThis as Record<symbol, SharedServices>)[SHARED_SERVICES] = { azurite };
}
