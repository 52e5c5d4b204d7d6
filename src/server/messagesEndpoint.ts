import type { ServerResponse } from 'node:http';
import type { Request } from 'restify';
import { Activity, ActivityHandler } from 'botbuilder';
import type { EdgeConfig } from '../config/appConfig';
import { Logger } from '../logging/createLogger';
import { checkActivity } from './activitySchema';
import { AuthenticatedRequest, ChatStarterAdapter } from './chatStarterAdapter';
import { readJsonBody } from './readJsonBody';

export interface MessagesEndpointOptions {
  readonly adapter: ChatStarterAdapter;
  readonly bot: ActivityHandler;
  readonly logger: Logger;
  readonly edge: EdgeConfig;
}

/** Fixed texts: a refused request learns what kind of problem it has, never anything internal. */
const MESSAGES: Record<number, string> = {
  400: 'The request body is not a valid Bot Framework activity.',
  401: 'The request is not authorized.',
  408: 'The request body did not arrive in time.',
  413: 'The request body is too large.',
  415: 'The request body must be JSON (application/json, UTF-8), optionally gzip, deflate or br encoded.',
};

/**
 * `POST /api/messages`: read the body (hardened), check the activity's shape, authenticate, run
 * the turn. Every client mistake is a 4xx with a fixed JSON body and one log line; only a fault
 * of the bot itself is a 5xx. Nothing here throws past the server.
 */
export function createMessagesEndpoint(options: MessagesEndpointOptions): (req: Request, res: ServerResponse) => Promise<void> {
  const { adapter, bot, logger, edge } = options;

  const refuse = (res: ServerResponse, status: number, code: string, details: Record<string, unknown> = {}, bodyUnread = false): void => {
    logger.info({ status, code, ...details }, 'request rejected');
    // The rest of an unread body is not worth reading: that connection closes after the answer.
    writeJson(res, status, { error: { code, message: MESSAGES[status] ?? 'The request was refused.' } }, bodyUnread);
  };

  return async (req, res) => {
    try {
      const body = await readJsonBody(req, edge);
      if (!body.ok) return refuse(res, body.status, body.code, {}, true);
      const checked = checkActivity(body.value);
      if (!checked.ok) return refuse(res, 400, 'InvalidActivity', { problems: checked.problems });
      const activity = checked.activity as unknown as Activity;

      let authenticated: AuthenticatedRequest;
      try {
        authenticated = await adapter.authenticate(activity, authorizationOf(req));
      } catch (error) {
        // Whatever the SDK throws while checking the token (its AuthenticationError, or
        // jsonwebtoken's own errors for a bad signature, `nbf`, `alg`…) means: not authorized.
        return refuse(res, 401, 'Unauthorized', { reason: reasonOf(error) });
      }

      const invokeResponse = await adapter.runTurn(authenticated, activity, (context) => bot.run(context));
      writeJson(res, invokeResponse?.status ?? 200, invokeResponse?.body, false);
    } catch (error) {
      // A fault of ours (the turn-error handler itself failed): the only 5xx this endpoint gives.
      logger.error({ err: error }, 'could not process an activity');
      if (!res.headersSent) writeJson(res, 500, { error: { code: 'InternalError', message: 'The bot could not process the activity.' } }, false);
    }
  };
}

function authorizationOf(req: Request): string {
  const header = req.headers.authorization;
  return typeof header === 'string' ? header : '';
}

/** The SDK's messages name the failed check, never the token; long ones are cut anyway. */
function reasonOf(error: unknown): string {
  const name = error instanceof Error ? error.name : typeof error;
  const message = error instanceof Error ? error.message : String(error);
  return `${name}: ${message}`.slice(0, 300);
}

function writeJson(res: ServerResponse, status: number, body: unknown, close: boolean): void {
  if (res.headersSent) return;
  const headers: Record<string, string> = {};
  if (close) headers['connection'] = 'close';
  if (body === undefined || body === null) {
    res.writeHead(status, headers);
    res.end();
    return;
  }
  res.writeHead(status, { ...headers, 'content-type': 'application/json; charset=utf-8' });
  res.end(JSON.stringify(body));
}
