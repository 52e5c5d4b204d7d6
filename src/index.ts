// Only configuration is loaded before telemetry starts: OpenTelemetry must patch node:http before
// anything else loads it, so the bot itself (./runBot) is imported after, and only then.
import { EnvFileSyntaxError } from './config/envFile';
import { readEnvironment } from './config/readEnvironment';
import { TelemetryConfig, loadTelemetryConfig } from './config/telemetryConfig';
import { ConfigError } from './errors/configError';

/** Entry point: environment → telemetry (when configured) → the bot. */
async function main(): Promise<void> {
  let env;
  let telemetryConfig: TelemetryConfig | undefined;
  try {
    env = readEnvironment();
    telemetryConfig = loadTelemetryConfig(env);
  } catch (error) {
    exitOnConfigError(error);
    throw error;
  }
  // Off: not one OpenTelemetry module is loaded (test/integration/lazyModules.test.ts).
  const telemetry = telemetryConfig ? (await import('./telemetry/startTelemetry')).startTelemetry(telemetryConfig) : undefined;
  const { runBot } = await import('./runBot');
  await runBot(env, telemetry, exitOnConfigError);
}

function exitOnConfigError(error: unknown): void {
  if (error instanceof ConfigError || error instanceof EnvFileSyntaxError) {
    process.stderr.write(`Chat Starter cannot start: ${error.message}\n`);
    process.exit(1);
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`Chat Starter failed to start: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
