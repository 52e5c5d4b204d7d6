import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { SandboxTenant, startSandbox } from '../../src/sandbox';
import { IngestionStandIn, OtlpReceiver, startIngestionStandIn, startOtlpReceiver } from '../../src/sandbox/telemetryReceivers';
import { sandboxEnv } from './botOnSandbox';
import { BotProcess, startBotProcess } from './botProcess';
import { ConnectorStub } from './connectorStub';

const LOOPBACK_ONLY = path.resolve(__dirname, 'loopbackOnly.cjs');

/** One connection or look-up the bot process made, as `loopbackOnly.cjs` recorded it. */
export interface RecordedConnection {
  readonly kind: 'connect' | 'lookup' | 'resolve';
  readonly host?: string;
  readonly port?: number | string;
  readonly path?: string;
  readonly allowed: boolean;
}

export interface TelemetryStack {
  readonly sandbox: SandboxTenant;
  readonly connector: ConnectorStub;
  readonly ingestion: IngestionStandIn;
  readonly otlp: OtlpReceiver;
  readonly bot: BotProcess;
  /** Every connection and look-up the bot made so far (its whole life once `stopBot` returned). */
  connections(): RecordedConnection[];
  /** SIGTERM: the bot drains, flushes its telemetry and exits. */
  stopBot(): Promise<void>;
  stop(): Promise<void>;
}

export interface TelemetryStackOptions {
  /** Which backends the bot is pointed at. */
  readonly backends: readonly ('azureMonitor' | 'otlp')[];
  readonly env?: Record<string, string>;
  /** A directory file for the sandbox instead of env/sandbox-directory.json. */
  readonly directoryFile?: string;
}

/**
 * The sandbox tenant, the Bot Connector stand-in, Application Insights' ingestion stand-in, an
 * OTLP receiver and the compiled bot with telemetry on, its every connection recorded (and any
 * beyond loopback refused) by the `loopbackOnly.cjs` preload.
 */
export async function startTelemetryStack(options: TelemetryStackOptions): Promise<TelemetryStack> {
  const work = mkdtempSync(path.join(tmpdir(), 'chat-starter-telemetry-'));
  const record = path.join(work, 'connections.jsonl');
  const sandbox = await startSandbox({ port: 0, ...(options.directoryFile ? { directoryFile: options.directoryFile } : {}) });
  const connector = new ConnectorStub();
  await connector.start();
  const ingestion = await startIngestionStandIn();
  const otlp = await startOtlpReceiver();
  const closeReceivers = async (): Promise<void> => {
    await connector.stop();
    await ingestion.close();
    await otlp.close();
    await sandbox.close();
  };
  let bot: BotProcess;
  try {
    bot = await startBotProcess({
      ...sandboxEnv(sandbox),
      ...(options.backends.includes('azureMonitor') ? { APPLICATIONINSIGHTS_CONNECTION_STRING: ingestion.connectionString } : {}),
      ...(options.backends.includes('otlp') ? { OTEL_EXPORTER_OTLP_ENDPOINT: otlp.url } : {}),
      NODE_OPTIONS: `-r ${LOOPBACK_ONLY}`,
      LOOPBACK_ONLY_RECORD: record,
      ...options.env,
    });
  } catch (error) {
    await closeReceivers();
    throw error;
  }
  const connections = (): RecordedConnection[] => {
    let text = '';
    try {
      text = readFileSync(record, 'utf8');
    } catch {
      return [];
    }
    return text.split('\n').filter((line) => line !== '').map((line) => JSON.parse(line) as RecordedConnection);
  };
  return {
    sandbox,
    connector,
    ingestion,
    otlp,
    bot,
    connections,
    stopBot: () => bot.stop(),
    async stop() {
      await bot.stop();
      await closeReceivers();
      rmSync(work, { recursive: true, force: true });
    },
  };
}

/** Everything the receivers were sent, decompressed, as one string: what a privacy check searches. */
export function exportedText(stack: TelemetryStack): string {
  return [...stack.ingestion.bodies, ...stack.otlp.bodies].map((received) => received.body.toString('utf8')).join('\n');
}
