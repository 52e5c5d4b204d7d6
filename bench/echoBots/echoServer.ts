import restify from 'restify';
import { ActivityHandler, CloudAdapter, ConfigurationBotFrameworkAuthentication, TurnContext } from 'botbuilder';

/**
 * The smallest botbuilder + restify bot a Teams developer would write: anonymous CloudAdapter,
 * the same body parser and endpoint as Chat Starter's server, and `reply` for each message.
 * Prints `{"msg":"listening","port":N}` once it listens (what `bench/botChild.ts` waits for).
 */
export async function runEchoServer(port: number, reply: (context: TurnContext) => Promise<void>): Promise<void> {
  const adapter = new CloudAdapter(new ConfigurationBotFrameworkAuthentication({}));
  const bot = new ActivityHandler();
  bot.onMessage(async (context, next) => {
    await reply(context);
    await next();
  });
  const server = restify.createServer({ name: 'echo', handleUncaughtExceptions: false });
  server.use(restify.plugins.bodyParser({ maxBodySize: 256 * 1024, mapParams: false }));
  server.post('/api/messages', async (req, res) => {
    try {
      await adapter.process(req, res, (context) => bot.run(context));
    } catch (error) {
      process.stderr.write(`echo bot: ${String(error)}\n`);
      if (!res.headersSent) res.send(500);
    }
  });
  server.get('/healthz', (_req, res, next) => {
    res.send(200, { status: 'ok' });
    return next();
  });
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', () => resolve()));
  const address = server.address();
  process.stdout.write(`${JSON.stringify({ msg: 'listening', port: address.port })}\n`);
  const stop = (): void => {
    server.close(() => process.exit(0));
  };
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
}

/** PORT from the environment (0: any free port); the echo bots' only setting besides Graph's. */
export function portFromEnvironment(env: NodeJS.ProcessEnv): number {
  const port = Number(env.PORT ?? '0');
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`PORT must be a port number, not "${env.PORT ?? ''}"`);
  return port;
}
