import { AddressInfo, createServer } from 'node:net';
import { Writable } from 'node:stream';
import pino from 'pino';
import { loadConfig } from '../../src/config/loadConfig';
import { MINIMAL_ENV, TEST_TENANT, configFailure } from '../support/configFailure';
import { BlobStateStore } from '../../src/state/blobStateStore';
import { createStateStore } from '../../src/state/createStateStore';
import { MemoryStateStore } from '../../src/state/memoryStateStore';

const TENANT = TEST_TENANT;
const minimal = MINIMAL_ENV;
const CONNECTION = 'DefaultEndpointsProtocol=https;AccountName=acct;AccountKey=a2V5;EndpointSuffix=core.windows.net';


describe('state configuration', () => {
  it('uses the memory store when no storage account is named', () => {
    expect(loadConfig(minimal).state).toEqual({ kind: 'memory' });
  });

  it('uses Blob storage with a connection string and the default container', () => {
    expect(loadConfig({ ...minimal, AZURE_STORAGE_CONNECTION_STRING: CONNECTION }).state).toEqual({
      kind: 'blob',
      container: 'chat-starter-state',
      connection: { kind: 'connectionString', connectionString: CONNECTION },
    });
  });

  it('uses an account URL with a managed identity: STATE_BLOB_CLIENT_ID, else system-assigned', () => {
    const url = 'https://acct.blob.core.windows.net/';
    expect(loadConfig({ ...minimal, STATE_BLOB_ACCOUNT_URL: url, STATE_BLOB_CONTAINER: 'state-1' }).state).toEqual({
      kind: 'blob',
      container: 'state-1',
      connection: { kind: 'managedIdentity', accountUrl: 'https://acct.blob.core.windows.net' },
    });
    expect(loadConfig({ ...minimal, STATE_BLOB_ACCOUNT_URL: url, STATE_BLOB_CLIENT_ID: 'mi-1' }).state).toMatchObject({
      connection: { kind: 'managedIdentity', clientId: 'mi-1' },
    });
  });

  it("uses the bot's own user-assigned identity for storage when the bot runs as one", () => {
    const config = loadConfig({ AZURE_TENANT_ID: TENANT, BOT_ID: 'bot-mi', BOT_TYPE: 'UserAssignedMsi', BOT_TENANT_ID: TENANT, STATE_BLOB_ACCOUNT_URL: 'https://acct.blob.core.windows.net' });
    expect(config.state).toMatchObject({ connection: { kind: 'managedIdentity', clientId: 'bot-mi' } });
  });

  it.each([
    ['AB', 'STATE_BLOB_CONTAINER'],
    ['Upper-Case', 'STATE_BLOB_CONTAINER'],
    ['double--hyphen', 'STATE_BLOB_CONTAINER'],
    ['-leading', 'STATE_BLOB_CONTAINER'],
    ['trailing-', 'STATE_BLOB_CONTAINER'],
    ['under_score', 'STATE_BLOB_CONTAINER'],
    ['x'.repeat(64), 'STATE_BLOB_CONTAINER'],
  ])('rejects the container name %s, naming the variable', (container, variable) => {
    expect(configFailure({ ...minimal, AZURE_STORAGE_CONNECTION_STRING: CONNECTION, STATE_BLOB_CONTAINER: container }).variable).toBe(variable);
  });

  it('accepts the shortest and longest valid container names', () => {
    expect(loadConfig({ ...minimal, AZURE_STORAGE_CONNECTION_STRING: CONNECTION, STATE_BLOB_CONTAINER: 'a1b' }).state).toMatchObject({ container: 'a1b' });
    const longest = 'a'.repeat(63);
    expect(loadConfig({ ...minimal, AZURE_STORAGE_CONNECTION_STRING: CONNECTION, STATE_BLOB_CONTAINER: longest }).state).toMatchObject({ container: longest });
  });

  it('refuses both ways of naming the account at once, a container without an account, and an http account URL', () => {
    expect(configFailure({ ...minimal, AZURE_STORAGE_CONNECTION_STRING: CONNECTION, STATE_BLOB_ACCOUNT_URL: 'https://acct.blob.core.windows.net' }).variable).toBe('STATE_BLOB_ACCOUNT_URL');
    expect(configFailure({ ...minimal, STATE_BLOB_CONTAINER: 'state' }).variable).toBe('STATE_BLOB_CONTAINER');
    expect(configFailure({ ...minimal, STATE_BLOB_ACCOUNT_URL: 'http://acct.blob.core.windows.net' }).variable).toBe('STATE_BLOB_ACCOUNT_URL');
  });

  it('rejects something that is not a connection string without repeating the value', () => {
    const error = configFailure({ ...minimal, AZURE_STORAGE_CONNECTION_STRING: 'hunter2-secret' });
    expect(error.variable).toBe('AZURE_STORAGE_CONNECTION_STRING');
    expect(error.message).not.toContain('hunter2-secret');
  });
});

describe('createStateStore', () => {
  const capture = () => {
    const lines: Record<string, unknown>[] = [];
    const stream = new Writable({
      write(chunk: Buffer, _encoding, done) {
        lines.push(JSON.parse(chunk.toString('utf8')) as Record<string, unknown>);
        done();
      },
    });
    return { logger: pino({ level: 'info' }, stream), lines };
  };

  it('warns in production that a memory store is not shared', async () => {
    const { logger, lines } = capture();
    expect(await createStateStore({ kind: 'memory' }, { logger, production: true })).toBeInstanceOf(MemoryStateStore);
    expect(lines.filter((line) => line.level === 40).map((line) => line.msg)).toEqual([expect.stringMatching(/not shared|this process only/)]);
  });

  it('stays quiet about the memory store outside production', async () => {
    const { logger, lines } = capture();
    await createStateStore({ kind: 'memory' }, { logger, production: false });
    expect(lines).toHaveLength(0);
  });

  it('logs an error naming the account but not the key, and still returns the Blob store, when storage is unreachable', async () => {
    const { logger, lines } = capture();
    const port = await closedPort();
    const connectionString = `DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=c2VjcmV0LWtleQ==;BlobEndpoint=http://127.0.0.1:${port}/devstoreaccount1;`;
    const store = await createStateStore({ kind: 'blob', container: 'state', connection: { kind: 'connectionString', connectionString } }, { logger, production: true });
    expect(store).toBeInstanceOf(BlobStateStore);
    const errors = lines.filter((line) => line.level === 50);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatchObject({ account: `127.0.0.1:${port}`, container: 'state' });
    expect(JSON.stringify(lines)).not.toContain('c2VjcmV0LWtleQ==');
  });
});

/** A loopback port nothing listens on: bound on port 0, then closed, so connections are refused. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}
