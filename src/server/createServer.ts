import restify from 'restify';
import { ActivityHandler } from 'botbuilder';
import type { ChatsApi } from '../api/createChatsApi';
import { problem, writeProblem } from '../api/problem';
import type { EdgeConfig } from '../config/appConfig';
import { Logger } from '../logging/createLogger';
import { NO_TELEMETRY, type Telemetry } from '../telemetry/telemetry';
import { ChatStarterAdapter } from './chatStarterAdapter';
import { InFlightWork } from './inFlightWork';
import { createMessagesEndpoint } from './messagesEndpoint';
import { readJsonBody } from './readJsonBody';

export interface ServerOptions {
  readonly adapter: ChatStarterAdapter;
  readonly bot: ActivityHandler;
  readonly logger: Logger;
  /** Whether the bot can serve; `/healthz` answers 503 until it can. */
  readonly isReady: () => boolean;
  readonly edge: EdgeConfig;
  /** Turns are tracked here; once shutdown began, new ones are refused with 503 (Teams redelivers). */
  readonly inFlight?: InFlightWork;
  /** `POST /api/chats` and its OpenAPI document; absent when the API is off (both are 404 then). */
  readonly chatsApi?: ChatsApi;
  /** For `/readyz`: whether the state store answers (cached; see StoreReadiness). */
  readonly isStoreAvailable?: () => Promise<boolean>;
  /** A server span and the turn's duration per `/api/messages` request. */
  readonly telemetry?: Telemetry;
}

/** restify with the Bot Framework endpoint, the chats API when configured, and a health check. */
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

  const api = options.chatsApi;
  if (api) {
    server.post('/api/chats', async (req, res) => {
      if (inFlight && !inFlight.accepting) {
        writeProblem(res, problem('unavailable', 503, 'Restarting', 'The service is restarting; send the request again (with the same Idempotency-Key).'), { 'retry-after': '1' }, true);
        return;
      }
      const header = (name: string): string | undefined => (typeof req.headers[name] === 'string' ? (req.headers[name] as string) : undefined);
      const handled = api.endpoint.handle({ authorization: header('authorization'), idempotencyKey: header('idempotency-key'), readBody: () => readJsonBody(req, options.edge) }, res);
      await (inFlight ? inFlight.track(handled) : handled);
    });
    server.get('/api/openapi.json', (_req, res, next) => {
      res.writeHead(200, { 'content-type': 'application/json; charset=utf-8' });
      res.end(api.openApi);
      return next();
    });
  }

  server.get('/healthz', (_req, res, next) => {
    res.send(options.isReady() ? 200 : 503, { status: options.isReady() ? 'ok' : 'starting' });
    return next();
  });
  return server;
}
