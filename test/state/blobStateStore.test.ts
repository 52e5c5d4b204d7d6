import { randomUUID } from 'node:crypto';
import { createServer, Server, Socket } from 'node:net';
import { AddressInfo } from 'node:net';
import { BlobServiceClient, ContainerClient } from '@azure/storage-blob';
import { StorageFaultError } from '../../src/errors';
import { blobNameForKey } from '../../src/state/blobName';
import { BlobStateStore } from '../../src/state/blobStateStore';
import { createBlobContainerClient } from '../../src/state/createBlobContainerClient';
import { MemoryStateStore } from '../../src/state/memoryStateStore';
import { StateStore } from '../../src/state/stateStore';
import { sharedAzurite, startAzurite } from '../support/azurite';

/** The run's Azurite; each test gets its own container (the one that stops storage starts its own). */
const azurite = sharedAzurite();

function containerFor(connectionString: string, name = `t-${randomUUID()}`): ContainerClient {
  return createBlobContainerClient({ kind: 'blob', container: name, connection: { kind: 'connectionString', connectionString } });
}

async function newBlobStore(): Promise<BlobStateStore> {
  const store = new BlobStateStore({ container: containerFor(azurite.connectionString) });
  await store.ensureContainer();
  return store;
}

const STORES: [string, () => Promise<StateStore>][] = [
  ['MemoryStateStore', async () => new MemoryStateStore()],
  ['BlobStateStore (Azurite)', newBlobStore],
];

describe.each(STORES)('StateStore contract: %s', (_name, makeStore) => {
  let store: StateStore;
  beforeEach(async () => {
    store = await makeStore();
  });

  it('creates a key once; a second create is refused and leaves the first value', async () => {
    expect(await store.create('request/a', { n: 1 })).toBe(true);
    expect(await store.create('request/a', { n: 2 })).toBe(false);
    expect((await store.get<{ n: number }>('request/a'))?.value).toEqual({ n: 1 });
  });

  it('lets exactly one of 10 concurrent creates of one key win, and keeps the winner\'s value', async () => {
    const results = await Promise.all(Array.from({ length: 10 }, (_, i) => store.create('request/race', { writer: i })));
    expect(results.filter((created) => created)).toHaveLength(1);
    const winner = results.indexOf(true);
    expect((await store.get<{ writer: number }>('request/race'))?.value).toEqual({ writer: winner });
  });

  it('returns undefined for a key that was never written', async () => {
    expect(await store.get('request/never')).toBeUndefined();
  });

  it('replaces only on the current etag', async () => {
    await store.create('k', { v: 1 });
    const first = (await store.get<{ v: number }>('k'))!;
    expect(await store.replace('k', { v: 2 }, first.etag)).toBe(true);
    const second = (await store.get<{ v: number }>('k'))!;
    expect(second.value).toEqual({ v: 2 });
    expect(second.etag).not.toBe(first.etag);
    // The etag read before the change is stale now.
    expect(await store.replace('k', { v: 3 }, first.etag)).toBe(false);
    expect((await store.get<{ v: number }>('k'))?.value).toEqual({ v: 2 });
  });

  it('lets one of two concurrent replaces on the same etag win', async () => {
    await store.create('k', { v: 0 });
    const { etag } = (await store.get('k'))!;
    const results = await Promise.all([store.replace('k', { v: 'a' }, etag), store.replace('k', { v: 'b' }, etag)]);
    expect(results.filter((replaced) => replaced)).toHaveLength(1);
  });

  it('refuses to replace a key that does not exist', async () => {
    await store.create('other', 1);
    const { etag } = (await store.get('other'))!;
    expect(await store.replace('missing', { v: 1 }, etag)).toBe(false);
    expect(await store.get('missing')).toBeUndefined();
  });

  it('deletes with an etag only while the item is unchanged', async () => {
    await store.create('cd', { v: 1 });
    const first = (await store.get('cd'))!;
    expect(await store.replace('cd', { v: 2 }, first.etag)).toBe(true);
    await store.delete('cd', first.etag);
    expect((await store.get<{ v: number }>('cd'))?.value).toEqual({ v: 2 });
    await store.delete('cd', (await store.get('cd'))!.etag);
    expect(await store.get('cd')).toBeUndefined();
  });

  it('deletes, after which the key can be created again; deleting a missing key is fine', async () => {
    await store.create('d', 'x');
    await store.delete('d');
    expect(await store.get('d')).toBeUndefined();
    expect(await store.create('d', 'y')).toBe(true);
    expect((await store.get('d'))?.value).toBe('y');
    await expect(store.delete('never-there')).resolves.toBeUndefined();
  });

  it('round-trips JSON values: unicode, nesting, arrays, numbers, null', async () => {
    const value = {
      topic: 'Café ☕ — 计划 🚀 Ünïcödé',
      nested: { deeper: { list: [1, 2.5, -3, { x: null }], flag: false } },
      empty: {},
      quote: 'He said "hi" \\ \n new line',
    };
    await store.create('unicode', value);
    expect((await store.get('unicode'))?.value).toEqual(value);
    await store.create('scalar', 42);
    expect((await store.get('scalar'))?.value).toBe(42);
  });

  it('keeps keys with /, :, #, spaces and other awkward characters apart', async () => {
    const keys = [
      'request/message:19:abc@thread.v2:1712345678901',
      'request/form:a:b#c d',
      'request/form:a:b c#d',
      'a/b',
      'a~2Fb',
      'a%2Fb',
      'a//b',
      '/leading',
      'trailing/',
      'dots/../..',
      'question?mark&amp=1',
      'ümlaut/ключ/鍵',
      'tilde~~name',
    ];
    for (const [index, key] of keys.entries()) expect(await store.create(key, { index })).toBe(true);
    for (const [index, key] of keys.entries()) expect((await store.get<{ index: number }>(key))?.value).toEqual({ index });
  });
});

describe('BlobStateStore specifics', () => {
  it('stores one JSON blob per key under a readable, URL-safe name', async () => {
    const container = containerFor(azurite.connectionString);
    const store = new BlobStateStore({ container });
    await store.ensureContainer();
    await store.create('request/message:19:abc#1', { state: 'started' });
    const names: string[] = [];
    for await (const blob of container.listBlobsFlat()) names.push(blob.name);
    expect(names).toEqual(['request/message~3A19~3Aabc~231']);
    const properties = await container.getBlockBlobClient(names[0]!).getProperties();
    expect(properties.contentType).toBe('application/json');
    expect(JSON.parse((await container.getBlockBlobClient(names[0]!).downloadToBuffer()).toString('utf8'))).toEqual({ state: 'started' });
  });

  it('creates its container at start, and again on create if it was deleted', async () => {
    const container = containerFor(azurite.connectionString);
    const store = new BlobStateStore({ container });
    expect(await container.exists()).toBe(false);
    await store.ensureContainer();
    expect(await container.exists()).toBe(true);
    await store.ensureContainer();
    await container.delete();
    expect(await store.get('k')).toBeUndefined();
    expect(await store.create('k', 1)).toBe(true);
    expect((await store.get('k'))?.value).toBe(1);
  });

  it('reports invalid JSON in a blob as a storage fault', async () => {
    const container = containerFor(azurite.connectionString);
    const store = new BlobStateStore({ container });
    await store.ensureContainer();
    await container.getBlockBlobClient(blobNameForKey('bad')).upload('{not json', 9);
    await expect(store.get('bad')).rejects.toBeInstanceOf(StorageFaultError);
  });

  it('turns every operation on a stopped storage account into a StorageFaultError with the cause', async () => {
    const own = await startAzurite();
    const container = containerFor(own.connectionString);
    const store = new BlobStateStore({ container });
    await store.ensureContainer();
    await store.create('k', 1);
    const { etag } = (await store.get('k'))!;
    await own.stop();

    for (const operation of [() => store.create('k2', 1), () => store.get('k'), () => store.replace('k', 2, etag), () => store.delete('k'), () => store.ensureContainer()]) {
      const error = await operation().then(
        () => undefined,
        (caught: unknown) => caught,
      );
      expect(error).toBeInstanceOf(StorageFaultError);
      expect((error as StorageFaultError).code).toBe('STORAGE_FAULT');
      expect((error as StorageFaultError).cause).toBeDefined();
    }
  });

  it('gives up on a storage endpoint that accepts connections but never answers (client-side deadline), instead of hanging', async () => {
    // A black hole: the TCP handshake succeeds, no HTTP response ever comes.
    const sockets = new Set<Socket>();
    const server: Server = createServer((socket) => {
      sockets.add(socket);
      socket.on('close', () => sockets.delete(socket));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const port = (server.address() as AddressInfo).port;
    try {
      const connectionString = azurite.connectionString.replace(/BlobEndpoint=[^;]+/, `BlobEndpoint=http://127.0.0.1:${port}/devstoreaccount1`);
      const store = new BlobStateStore({ container: containerFor(connectionString) });
      await expect(store.create('k', 1)).rejects.toBeInstanceOf(StorageFaultError);
    } finally {
      sockets.forEach((socket) => socket.destroy());
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  }, 20_000);

  it('works through a plain BlobServiceClient too (no reliance on our factory)', async () => {
    const container = BlobServiceClient.fromConnectionString(azurite.connectionString).getContainerClient(`t-${randomUUID()}`);
    const store = new BlobStateStore({ container });
    await store.ensureContainer();
    expect(await store.create('x', 1)).toBe(true);
    expect(await store.create('x', 2)).toBe(false);
  });
});

describe('blobNameForKey', () => {
  it('keeps only URL-safe characters and is one-to-one on awkward keys', () => {
    const keys = ['a/b', 'a~2Fb', 'a%2Fb', 'a//b', '/a', 'a/', 'a.b', 'a b', 'a#b', 'a:b', '~', '~~', 'é', 'e\u0301', ''];
    const names = keys.map(blobNameForKey);
    expect(new Set(names).size).toBe(keys.length);
    for (const name of names) expect(name).toMatch(/^[A-Za-z0-9_~/-]*$/);
    expect(blobNameForKey('choice/0f1e')).toBe('choice/0f1e');
  });

  it('hashes keys whose encoded name would exceed 1024 characters, keeping the first segment', () => {
    const long = `request/${'日'.repeat(400)}`;
    const name = blobNameForKey(long);
    expect(name.length).toBeLessThanOrEqual(1024);
    expect(name).toMatch(/^request\/~~[0-9a-f]{64}$/);
    expect(blobNameForKey(`${long}x`)).not.toBe(name);
  });
});
