import restify from 'restify';
import { ActivityHandler, CloudAdapter } from 'botbuilder';
import { Logger } from '../logging/createLogger';

export interface ServerOptions {
  readonly adapter: CloudAdapter;
  readonly bot: ActivityHandler;
  readonly logger: Logger;
  /** Whether the bot can serve; `/healthz` answers 503 until it can. */
  readonly isReady: () => boolean;
}

/** restify with the Bot Framework endpoint and a health check; nothing else. */
export function createServer(options: ServerOptions): restify.Server {
  const server = restify.createServer({ name: 'chat-starter', handleUncaughtExceptions: false });
  server.use(restify.plugins.bodyParser({ maxBodySize: 256 * 1024, mapParams: false }));

  server.post('/api/messages', async (req, res) => {
    try {
      await options.adapter.process(req, res, (context) => options.bot.run(context));
    } catch (error) {
      options.logger.error({ err: error }, 'could not process an activity');
      if (!res.headersSent) res.send(500);
    }
  });

  server.get('/healthz', (_req, res, next) => {
    res.send(options.isReady() ? 200 : 503, { status: options.isReady() ? 'ok' : 'starting' });
    return next();
  });
  return server;
}
