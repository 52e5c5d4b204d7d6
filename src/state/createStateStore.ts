import type { StateConfig } from '../config/appConfig';
import { Logger } from '../logging/createLogger';
import { MemoryStateStore } from './memoryStateStore';
import { StateStore } from './stateStore';

export interface CreateStateStoreOptions {
  readonly logger: Logger;
  readonly production: boolean;
}

/**
 * The store the configuration names, ready to use. An unreachable storage account does not stop
 * the bot from starting: every turn that needs it then fails with a storage fault (an apology
 * card with a correlation id, nothing created), `create` makes the container once storage is
 * back, and the error logged here says what is wrong. Crash-looping on a storage outage would
 * only add a restart storm to it.
 */
export async function createStateStore(config: StateConfig, options: CreateStateStoreOptions): Promise<StateStore> {
  const { logger } = options;
  if (config.kind === 'memory') {
    if (options.production) {
      logger.warn(
        'state is kept in this process only (no AZURE_STORAGE_CONNECTION_STRING or STATE_BLOB_ACCOUNT_URL): ' +
          'with more than one instance, a redelivered or double-clicked request can create a second chat',
      );
    }
    return new MemoryStateStore();
  }
  // Loaded only when configured: the storage SDK is a large share of the process's memory, and
  // a single instance on the memory store never needs it.
  const [{ BlobStateStore }, { createBlobContainerClient }] = await Promise.all([import('./blobStateStore'), import('./createBlobContainerClient')]);
  const container = createBlobContainerClient(config);
  const store = new BlobStateStore({ container });
  // The URL names the account and container; the connection string's key never reaches the log.
  const where = { account: new URL(container.url).host, container: config.container, auth: config.connection.kind };
  try {
    await store.ensureContainer();
    logger.info(where, 'shared state in Azure Blob storage');
  } catch (error) {
    logger.error({ ...where, err: error }, 'could not reach the state storage account; starting anyway, and requests will fail until it is reachable');
  }
  return store;
}
