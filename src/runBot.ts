import { startApp } from './app';
import type { Environment } from './config/loadConfig';
import { loadConfig } from './config/loadConfig';
import { createLogger } from './logging/createLogger';
import type { StartedTelemetry } from './telemetry/telemetry';

/**
 * Config → logger → app, and the shutdown on SIGTERM/SIGINT: stop accepting, finish turns in
 * flight within the grace period, send what telemetry still holds, exit.
 */
export async function runBot(env: Environment, telemetry: StartedTelemetry | undefined, onConfigError: (error: unknown) => void): Promise<void> {
  let config;
  try {
    config = loadConfig(env);
  } catch (error) {
    onConfigError(error);
    throw error;
  }
  const logger = createLogger({ level: config.logLevel, ...(telemetry ? { telemetry: telemetry.logHooks } : {}) });
  if (config.bot.appId === '') {
    logger.warn(
      '*** ANONYMOUS LOCAL MODE: BOT_ID is empty, so incoming requests are NOT authenticated. ' +
        'Use this only for local try-outs; set BOT_ID, BOT_PASSWORD and BOT_TYPE for anything real. ***',
    );
  }
  if (telemetry) logger.info('telemetry on: traces, metrics and warn+ logs are exported');
  const app = await startApp(config, { logger, ...(telemetry ? { telemetry: telemetry.reporter } : {}) });
  let stopping = false;
  const stop = (signal: string): void => {
    // A second signal while draining changes nothing: the grace period already bounds the wait.
    if (stopping) {
      logger.info({ signal }, 'already stopping');
      return;
    }
    stopping = true;
    logger.info({ signal, graceMs: config.shutdownGraceMs }, 'stopping: no new requests; finishing those in flight');
    const flushTelemetry = async (): Promise<void> => {
      await telemetry?.shutdown();
    };
    app.close().then(
      async () => {
        await flushTelemetry();
        process.exit(0);
      },
      async (error: unknown) => {
        logger.error({ err: error }, 'could not stop cleanly');
        await flushTelemetry();
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', () => stop('SIGINT'));
  process.on('SIGTERM', () => stop('SIGTERM'));
}
