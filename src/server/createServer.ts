import restify from 'restify';
import { ActivityHandler } from 'botbuilder';
import type { EdgeConfig } from '../config/appConfig';
import { Logger } from '../logging/createLogger';
import { NO_TELEMETRY, type Telemetry } from '../telemetry/telemetry';
import { ChatStarterAdapter } from './chatStarterAdapter';
import { InFlightWork } from './inFlightWork';
import { createMessagesEndpoint } from './messagesEndpoint';

export interface ServerOptions {
  readonly adapter: ChatStarterAdapter;
  readonly bot: ActivityHandler;
  readonly logger: Logger;
  /** Whether the bot can serve; `/healthz` answers 503 until it can. */
  readonly isReady: () => boolean;
  readonly edge: EdgeConfig;
  /** Turns are tracked here; once shutdown began, new ones are refused with 503 (Teams redelivers). */
  readonly inFlight?: InFlightWork;
  /** For `/readyz`: whether the state store answers (cached; see StoreReadiness). */
  readonly isStoreAvailable?: () => Promise<boolean>;
  /** A server span and the turn's duration per `/api/messages` request. */
  readonly telemetry?: Telemetry;
}

/** restify with the Bot Framework endpoint and a health check; nothing else. */
export function createServer(options: ServerOptions): restify.Server {
  const server = restify.createServer({ name: 'chat-starter', handleUncaughtExceptions: false });
  // No body parser: /api/messages reads its own body (restify's crashed the process on a lying
  // Content-Encoding), and no other route takes one.
  const messages = createMessagesEndpoint({ ...options, telemetry: options.telemetry ?? NO_TELEMETRY });
  const inFlight = options.inFlight;
  server.post('/api/messages', async (req, res) => {
    if (!inFlight) return messages(req, res);
    if (!inFlight.accepting) {
      res.writeHead(503, { 'content-type': 'application/json', 'retry-after': '1', connection: 'close' });
      res.end(JSON.stringify({ error: { code: 'ShuttingDown', message: 'The bot is restarting; send the activity again.' } }));
      return;
    }
    await inFlight.track(messages(req, res));
  });

  // Liveness stays cheap (no I/O); readiness, for hosts that probe it separately, also asks the
  // state store and turns false while the bot drains for shutdown.
  server.get('/readyz', async (_req, res) => {
    const graph = options.isReady();
    const store = options.isStoreAvailable ? await options.isStoreAvailable() : true;
    const accepting = inFlight?.accepting ?? true;
    const ready = graph && store && accepting;
    res.send(ready ? 200 : 503, { status: ready ? 'ok' : 'not ready', graph: graph ? 'ok' : 'starting', store: store ? 'ok' : 'unavailable', ...(accepting ? {} : { stopping: true }) });
  });

  server.get('/healthz', (_req, res, next) => {
    res.send(options.isReady() ? 200 : 503, { status: options.isReady() ? 'ok' : 'starting' });
    return next();
  });
  return server;
}
