import type { ServerResponse } from 'node:http';
import type { Request } from 'restify';
import { Activity, ActivityHandler } from 'botbuilder';
import type { EdgeConfig } from '../config/appConfig';
import { Logger } from '../logging/createLogger';
import type { RequestRecord, Telemetry } from '../telemetry/telemetry';
import { checkActivity } from './activitySchema';
import { ChatStarterAdapter } from './chatStarterAdapter';
import { readJsonBody } from './readJsonBody';

export interface MessagesEndpointOptions {
  readonly adapter: ChatStarterAdapter;
  readonly bot: ActivityHandler;
  readonly logger: Logger;
  readonly edge: EdgeConfig;
  readonly telemetry: Telemetry;
}

/** Fixed texts: a refused request learns what kind of problem it has, never anything internal. */
const MESSAGES: Record<number, string> = {
  400: 'The request body is not a valid Bot Framework activity.',
  401: 'The request is not authorized.',
  408: 'The request body did not arrive in time.',
  413: 'The request body is too large.',
  415: 'The request body must be JSON (application/json, UTF-8), optionally gzip, deflate or br encoded.',
};

/** How long Teams is asked to wait before delivering again an activity the bot could not check. */
const KEY_SET_RETRY_AFTER_SECONDS = 10;

/**
 * `POST /api/messages`: read the body (hardened), check the activity's shape, authenticate, run
 * the turn. Every client mistake is a 4xx with a fixed JSON body and one log line; only a fault
 * of the bot itself is a 5xx (a key set it cannot fetch: 503 with Retry-After). Nothing here
 * throws past the server.
 */
export function createMessagesEndpoint(options: MessagesEndpointOptions): (req: Request, res: ServerResponse) => Promise<void> {
  const { adapter, bot, logger, edge, telemetry } = options;

  const refuse = (res: ServerResponse, status: number, code: string, details: Record<string, unknown> = {}, bodyUnread = false): void => {
    logger.info({ status, code, ...details }, 'request rejected');
    // The rest of an unread body is not worth reading: that connection closes after the answer.
    writeJson(res, status, { error: { code, message: MESSAGES[status] ?? 'The request was refused.' } }, bodyUnread);
  };

  const serve = async (req: Request, res: ServerResponse, request: RequestRecord): Promise<void> => {
    try {
      const body = await readJsonBody(req, edge);
      if (!body.ok) return refuse(res, body.status, body.code, {}, true);
      const checked = checkActivity(body.value);
      if (!checked.ok) return refuse(res, 400, 'InvalidActivity', { problems: checked.problems });
      const activity = checked.activity as unknown as Activity;
      request.describe({ activityType: activity.type, ...(activity.type === 'invoke' ? { invokeName: invokeNameOf(activity.name) } : {}) });

      const authentication = await adapter.authenticate(activity, authorizationOf(req));
      if (!authentication.ok) {
        const { failure } = authentication;
        if (failure.kind === 'unauthorized') return refuse(res, 401, 'Unauthorized', { reason: failure.reason });
        // Not the sender's fault: a 5xx with Retry-After asks Teams to deliver it again, where a
        // 401 would tell it the request was bad and lose the message.
        logger.error({ status: 503, cause: failure.cause, reason: failure.reason }, 'could not check a token: the Bot Framework key set is unavailable');
        res.setHeader('retry-after', String(KEY_SET_RETRY_AFTER_SECONDS));
        return writeJson(res, 503, { error: { code: 'KeySetUnavailable', message: 'The bot cannot check requests right now. Please try again.' } }, false);
      }

      const invokeResponse = await adapter.runTurn(authentication.request, activity, (context) => bot.run(context));
      writeJson(res, invokeResponse?.status ?? 200, invokeResponse?.body, false);
    } catch (error) {
      // A fault of ours (the turn-error handler itself failed); the other 5xx is the key set's 503.
      logger.error({ err: error }, 'could not process an activity');
      if (!res.headersSent) writeJson(res, 500, { error: { code: 'InternalError', message: 'The bot could not process the activity.' } }, false);
    }
  };
  return (req, res) =>
    telemetry.inRequest(async (request) => {
      try {
        await serve(req, res, request);
      } finally {
        request.answered(res.statusCode);
      }
    });
}

/** Invoke names are protocol words (`adaptiveCard/action`); anything else is counted as `other`. */
function invokeNameOf(name: string | undefined): string {
  return name !== undefined && /^[A-Za-z]{1,40}(\/[A-Za-z]{1,40})?$/.test(name) ? name : 'other';
}

function authorizationOf(req: Request): string {
  const header = req.headers.authorization;
  return typeof header === 'string' ? header : '';
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
