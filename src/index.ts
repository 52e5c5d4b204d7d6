import { existsSync, readFileSync } from 'node:fs';
import { startApp } from './app';
import { EnvFileSyntaxError, parseEnvText } from './config/envFile';
import { loadConfig } from './config/loadConfig';
import { ConfigError } from './errors/configError';
import { createLogger } from './logging/createLogger';

/** Entry point: environment → config → app. Variables in the process environment win over `.env`. */
async function main(): Promise<void> {
  let config;
  try {
    const fileValues = existsSync('.env') ? parseEnvText(readFileSync('.env', 'utf8'), '.env') : {};
    config = loadConfig({ ...fileValues, ...process.env });
  } catch (error) {
    if (error instanceof ConfigError || error instanceof EnvFileSyntaxError) {
      process.stderr.write(`Chat Starter cannot start: ${error.message}\n`);
      process.exit(1);
    }
    throw error;
  }
  const logger = createLogger({ level: config.logLevel });
  if (config.bot.appId === '') {
    logger.warn(
      '*** ANONYMOUS LOCAL MODE: BOT_ID is empty, so incoming requests are NOT authenticated. ' +
        'Use this only for local try-outs; set BOT_ID, BOT_PASSWORD and BOT_TYPE for anything real. ***',
    );
  }
  const app = await startApp(config, { logger });
  let stopping = false;
  const stop = (signal: string): void => {
    // A second signal while draining changes nothing: the grace period already bounds the wait.
    if (stopping) {
      logger.info({ signal }, 'already stopping');
      return;
    }
    stopping = true;
    logger.info({ signal, graceMs: config.shutdownGraceMs }, 'stopping: no new requests; finishing those in flight');
    app.close().then(
      () => process.exit(0),
      (error: unknown) => {
        logger.error({ err: error }, 'could not stop cleanly');
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', () => stop('SIGINT'));
  process.on('SIGTERM', () => stop('SIGTERM'));
}

main().catch((error: unknown) => {
  process.stderr.write(`Chat Starter failed to start: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
