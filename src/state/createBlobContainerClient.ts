import { ManagedIdentityCredential } from '@azure/identity';
import { BlobServiceClient, ContainerClient, StoragePipelineOptions, StorageRetryOptions } from '@azure/storage-blob';
import type { BlobStateConfig } from '../config/appConfig';

/**
 * Bounds on each storage call. A turn claims its request before anything else; with the SDK's
 * defaults (4 tries, 4 s base delay, no per-try timeout worth the name) a dead account would
 * hold a turn for minutes, past Teams' ~15 s. These fail a call in about 7 s at worst
 * (3 tries × 2 s + short backoff), and at once when the connection is refused.
 */
export const STATE_STORE_RETRY_OPTIONS: StorageRetryOptions = {
  maxTries: 3,
  tryTimeoutInMs: 2_000,
  retryDelayInMs: 200,
  maxRetryDelayInMs: 1_000,
};

/** The one place the Blob SDK client for shared state is built. */
export function createBlobContainerClient(config: BlobStateConfig, retryOptions: StorageRetryOptions = STATE_STORE_RETRY_OPTIONS): ContainerClient {
  const pipeline: StoragePipelineOptions = { retryOptions };
  const service =
    config.connection.kind === 'connectionString'
      ? BlobServiceClient.fromConnectionString(config.connection.connectionString, pipeline)
      : new BlobServiceClient(
          config.connection.accountUrl,
          // A user-assigned identity is named by its client id; without one, the system-assigned identity.
          config.connection.clientId ? new ManagedIdentityCredential({ clientId: config.connection.clientId }) : new ManagedIdentityCredential(),
          pipeline,
        );
  return service.getContainerClient(config.container);
}
