import { ChildProcess, spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import path from 'node:path';

export interface Azurite {
  readonly port: number;
  /** The well-known development account on this instance's port. */
  readonly connectionString: string;
  /** The account's blob endpoint (https when started with `oauth`). */
  readonly accountUrl: string;
  /** Kills Azurite's process group and waits for it to exit. Safe to call twice. */
  stop(): Promise<void>;
}

const REPO = path.resolve(__dirname, '..', '..');
/** Azurite's published development key (not a secret: it is the same everywhere). */
const DEV_ACCOUNT = 'devstoreaccount1';
const DEV_KEY = 'Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==';

/**
 * Starts Azurite's blob service in memory on an ephemeral loopback port. `--blobPort 0` lets the
 * OS choose; Azurite prints the address it listens on, which is read back from its output, and
 * the port is ready once that line appears. Telemetry is off: tests reach loopback only.
 */
export interface AzuriteOptions {
  /**
   * Azurite's OAuth mode (`--oauth basic`, which needs HTTPS): bearer tokens are checked for
   * issuer, audience and expiry (not signature), as a storage account checks an identity's token.
   */
  readonly oauth?: { readonly certPath: string; readonly keyPath: string };
}

export async function startAzurite(timeoutMs = 20_000, options: AzuriteOptions = {}): Promise<Azurite> {
  const child: ChildProcess = spawn(
    path.join(REPO, 'node_modules', '.bin', 'azurite-blob'),
    [
      '--inMemoryPersistence',
      '--extentMemoryLimit',
      '64',
      '--blobHost',
      '127.0.0.1',
      '--blobPort',
      '0',
      '--skipApiVersionCheck',
      '--disableTelemetry',
      '--silent',
      ...(options.oauth ? ['--oauth', 'basic', '--cert', options.oauth.certPath, '--key', options.oauth.keyPath] : []),
    ],
    // Its own process group, so stop() ends Azurite and anything it spawned.
    { cwd: REPO, detached: true, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  let output = '';
  let onExit: ((code: number | null) => void) | undefined;
  const port = await new Promise<number>((resolve, reject) => {
    const timer = setTimeout(() => fail(new Error(`Azurite did not start within ${timeoutMs} ms:\n${output}`)), timeoutMs);
    const onData = (chunk: Buffer): void => {
      output += chunk.toString('utf8');
      const match = /successfully listens on https?:\/\/127\.0\.0\.1:(\d+)/.exec(output);
      if (match) {
        clearTimeout(timer);
        resolve(Number(match[1]));
      }
    };
    onExit = (code: number | null): void => fail(new Error(`Azurite exited with ${code}:\n${output}`));
    function fail(error: Error): void {
      clearTimeout(timer);
      killGroup(child);
      reject(error);
    }
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.once('exit', onExit);
    child.once('error', (error) => fail(error));
  });
  if (onExit) child.off('exit', onExit);
  // Keep draining its output so a full pipe never blocks it.
  child.stdout?.resume();
  child.stderr?.resume();

  return {
    port,
    accountUrl: `${options.oauth ? 'https' : 'http'}://127.0.0.1:${port}/${DEV_ACCOUNT}`,
    connectionString: connectionStringFor(port),
    async stop() {
      if (child.exitCode === null && child.signalCode === null) {
        killGroup(child);
        await exited;
      }
    },
  };
}

/** Where jest's global set-up tells the test workers which port the run's Azurite listens on. */
export const SHARED_AZURITE_PORT_VARIABLE = 'CHAT_STARTER_TEST_AZURITE_PORT';

/**
 * The Azurite that jest's global set-up (test/support/globalSetup.ts) started for the whole run:
 * test files share it instead of starting one each, and keep to containers of their own
 * (`uniqueContainer`). `stop()` leaves it running; a test that stops storage starts its own.
 */
export function sharedAzurite(): Azurite {
  const port = Number(process.env[SHARED_AZURITE_PORT_VARIABLE]);
  if (!Number.isInteger(port) || port <= 0) throw new Error(`${SHARED_AZURITE_PORT_VARIABLE} is not set: run the tests through jest, whose global set-up starts Azurite`);
  return { port, accountUrl: `http://127.0.0.1:${port}/${DEV_ACCOUNT}`, connectionString: connectionStringFor(port), stop: () => Promise.resolve() };
}

/** A container name no other test of the run uses on the shared Azurite. */
export function uniqueContainer(prefix: string): string {
  return `${prefix}-${randomUUID().slice(0, 8)}`;
}

function connectionStringFor(port: number): string {
  return `DefaultEndpointsProtocol=http;AccountName=${DEV_ACCOUNT};AccountKey=${DEV_KEY};BlobEndpoint=http://127.0.0.1:${port}/${DEV_ACCOUNT};`;
}

function killGroup(child: ChildProcess): void {
  if (child.pid === undefined) return;
  try {
    process.kill(-child.pid, 'SIGKILL');
  } catch (error) {
    // ESRCH: the group is already gone, which is what we wanted.
    if ((error as NodeJS.ErrnoException).code !== 'ESRCH') throw error;
  }
}
