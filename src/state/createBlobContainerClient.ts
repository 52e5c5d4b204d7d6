import { ManagedIdentityCredential } from '@azure/identity';
import { BlobServiceClient, ContainerClient, StoragePipelineOptions, StorageRetryOptions } from '@azure/storage-blob';
import type { BlobStateConfig } from '../config/appConfig';

/**
 * Retries for each storage call. The SDK's defaults (4 tries, 4 s base delay, up to 120 s between
 * tries) would hold a turn for minutes on a dead account, past Teams' ~15 s. Note that
 * `tryTimeoutInMs` is only the server-side `timeout` parameter in this SDK version: it does not
 * end a request the network swallows. `BlobStateStore` bounds every call on the client side.
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
