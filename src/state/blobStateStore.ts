import type { ContainerClient } from '@azure/storage-blob';
import { RestError } from '@azure/storage-blob';
import { StorageFaultError } from '../errors';
import { blobNameForKey } from './blobName';
import { StateStore, StoredItem } from './stateStore';

export interface BlobStateStoreOptions {
  /** The container holding one JSON blob per key; see `createBlobContainerClient`. */
  readonly container: ContainerClient;
  /**
   * Client-side deadline for one operation, retries included. The SDK has none of its own: a
   * storage endpoint that accepts the connection and never answers would hang the turn.
   */
  readonly operationTimeoutMs?: number;
}

export const DEFAULT_OPERATION_TIMEOUT_MS = 5_000;

const JSON_HEADERS = { blobContentType: 'application/json' } as const;

/**
 * A `StateStore` in Azure Blob storage, shared by every bot instance. Atomicity comes from the
 * service's conditional writes: `create` sends `If-None-Match: *` (only one writer can create a
 * blob), `replace` sends `If-Match: <etag>`. (`botbuilder-azure-blobs` sends no condition on a
 * first write, so two instances could both "create" a key through it.)
 * Anything other than "exists"/"changed"/"not there" becomes a `StorageFaultError`.
 */
export class BlobStateStore implements StateStore {
  private readonly container: ContainerClient;
  private readonly operationTimeoutMs: number;

  constructor(options: BlobStateStoreOptions) {
    this.container = options.container;
    this.operationTimeoutMs = options.operationTimeoutMs ?? DEFAULT_OPERATION_TIMEOUT_MS;
  }

  /** Creates the container if missing; called at start-up, and again if it vanishes. */
  async ensureContainer(): Promise<void> {
    try {
      await this.container.createIfNotExists({ abortSignal: this.deadline() });
    } catch (error) {
      throw new StorageFaultError(`Could not create the state container "${this.container.containerName}"`, { cause: error });
    }
  }

  async create<T>(key: string, value: T): Promise<boolean> {
    const body = JSON.stringify(value);
    try {
      return await this.tryCreate(key, body);
    } catch (error) {
      // The container was deleted, or start-up could not create it: make it and try once more.
      if (!isContainerMissing(error)) throw this.fault('create', key, error);
    }
    await this.ensureContainer();
    try {
      return await this.tryCreate(key, body);
    } catch (error) {
      throw this.fault('create', key, error);
    }
  }

  async get<T>(key: string): Promise<StoredItem<T> | undefined> {
    let text: string;
    let etag: string | undefined;
    try {
      const response = await this.blob(key).download(0, undefined, { abortSignal: this.deadline() });
      etag = response.etag;
      text = await readAll(response.readableStreamBody);
    } catch (error) {
      if (statusOf(error) === 404) return undefined;
      throw this.fault('get', key, error);
    }
    if (!etag) throw new StorageFaultError(`The state store returned no etag for "${key}"`);
    try {
      return { value: JSON.parse(text) as T, etag };
    } catch (error) {
      throw new StorageFaultError(`The state store holds invalid JSON for "${key}"`, { cause: error });
    }
  }

  async replace<T>(key: string, value: T, etag: string): Promise<boolean> {
    const body = JSON.stringify(value);
    try {
      await this.blob(key).upload(body, Buffer.byteLength(body), {
        conditions: { ifMatch: etag },
        blobHTTPHeaders: JSON_HEADERS,
        abortSignal: this.deadline(),
      });
      return true;
    } catch (error) {
      // 412: someone changed it first. 404: it is gone, so no etag can match.
      const status = statusOf(error);
      if (status === 412 || status === 404) return false;
      throw this.fault('replace', key, error);
    }
  }

  async delete(key: string, etag?: string): Promise<void> {
    try {
      await this.blob(key).deleteIfExists({ abortSignal: this.deadline(), ...(etag !== undefined ? { conditions: { ifMatch: etag } } : {}) });
    } catch (error) {
      // 412: changed since it was read, so it is not ours to delete.
      if (statusOf(error) === 404 || statusOf(error) === 412) return;
      throw this.fault('delete', key, error);
    }
  }

  private async tryCreate(key: string, body: string): Promise<boolean> {
    try {
      await this.blob(key).upload(body, Buffer.byteLength(body), {
        conditions: { ifNoneMatch: '*' },
        blobHTTPHeaders: JSON_HEADERS,
        abortSignal: this.deadline(),
      });
      return true;
    } catch (error) {
      // 409 BlobAlreadyExists is the usual answer; 412 is documented for the same condition.
      const status = statusOf(error);
      if (status === 409 || status === 412) return false;
      throw error;
    }
  }

  private deadline(): AbortSignal {
    return AbortSignal.timeout(this.operationTimeoutMs);
  }

  private blob(key: string) {
    return this.container.getBlockBlobClient(blobNameForKey(key));
  }

  private fault(operation: string, key: string, error: unknown): StorageFaultError {
    if (error instanceof StorageFaultError) return error;
    const status = statusOf(error);
    return new StorageFaultError(`State store ${operation} of "${key}" failed${status ? ` with HTTP ${status}` : ''}`, { cause: error });
  }
}

function statusOf(error: unknown): number | undefined {
  return error instanceof RestError ? error.statusCode : undefined;
}

function isContainerMissing(error: unknown): boolean {
  return error instanceof RestError && error.statusCode === 404 && (error.code === 'ContainerNotFound' || errorCodeOf(error) === 'ContainerNotFound');
}

function errorCodeOf(error: RestError): string | undefined {
  const details = error.details as { errorCode?: unknown } | undefined;
  return typeof details?.errorCode === 'string' ? details.errorCode : undefined;
}

async function readAll(stream: NodeJS.ReadableStream | undefined): Promise<string> {
  if (!stream) return '';
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : chunk);
  return Buffer.concat(chunks).toString('utf8');
}
