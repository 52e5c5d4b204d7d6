import restify from 'restify';
import { ActivityHandler } from 'botbuilder';
import type { EdgeConfig } from '../config/appConfig';
import { Logger } from '../logging/createLogger';
import { ChatStarterAdapter } from './chatStarterAdapter';
import { createMessagesEndpoint } from './messagesEndpoint';

export interface ServerOptions {
  readonly adapter: ChatStarterAdapter;
  readonly bot: ActivityHandler;
  readonly logger: Logger;
  /** Whether the bot can serve; `/healthz` answers 503 until it can. */
  readonly isReady: () => boolean;
  readonly edge: EdgeConfig;
}

/** restify with the Bot Framework endpoint and a health check; nothing else. */
export function createServer(options: ServerOptions): restify.Server {
  const server = restify.createServer({ name: 'chat-starter', handleUncaughtExceptions: false });
  // No body parser: /api/messages reads its own body (restify's crashed the process on a lying
  // Content-Encoding), and no other route takes one.
  server.post('/api/messages', createMessagesEndpoint(options));

  server.get('/healthz', (_req, res, next) => {
    res.send(options.isReady() ? 200 : 503, { status: options.isReady() ? 'ok' : 'starting' });
    return next();
  });
  return server;
}
