import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A local Bot Connector in front of Microsoft 365 Agents Playground, for the try-out only.
 *
 * The Playground is one conversation with the bot (a personal chat, or a group chat it makes up),
 * and its mock connector answers 404 for any other: the kickoff card the bot posts into a chat it
 * has just created could never appear, and every result card of `npm run dev` ended with "I
 * couldn't post the opening message". This sits between the two, both ways:
 *
 * - the Playground posts activities here (`/api/messages`); each is passed to the bot with its
 *   `serviceUrl` pointing here, and its conversation is remembered as one the Playground knows;
 * - what the bot sends to a conversation the Playground knows is passed through to the
 *   Playground's own connector, unchanged, and its answer comes back unchanged;
 * - a message the bot posts into any other conversation (a chat it created) is answered as Teams
 *   answers (201 with the new activity's id) and shown in the Playground's personal chat with the
 *   bot (where the try-out starts), as a preview: "posted into the new chat:" and the card.
 *
 * The bot is the same compiled bot production runs; only where its Bot Connector is differs.
 */
export interface DevConnectorOptions {
  /** The bot's messaging endpoint, e.g. `http://127.0.0.1:3978/api/messages`. */
  readonly botEndpoint: string;
  /** Told of each preview shown (tests and the dev console). */
  readonly onPreview?: (preview: PostedIntoNewChat) => void;
}

/** A message the bot posted into a conversation the Playground does not know. */
export interface PostedIntoNewChat {
  readonly conversationId: string;
  /** The id the connector gave the message, as Teams would. */
  readonly activityId: string;
  /** Where the preview was shown; undefined when the Playground had not opened its personal chat yet. */
  readonly shownIn: string | undefined;
}

export interface RunningDevConnector {
  /** Where the Playground posts activities (its `--app-endpoint`). */
  readonly messagesEndpoint: string;
  /** The `serviceUrl` the bot sees, on 127.0.0.1. */
  readonly serviceUrl: string;
  stop(): Promise<void>;
}

/** The heading of a preview, as the person sees it above the card. */
export const PREVIEW_TEXT = 'posted into the new chat:';

const CONNECTOR_PATH = '/_connector';
/** Activities and cards are small; a dev tool still refuses to buffer without bound. */
const MAX_BODY_BYTES = 4 * 1024 * 1024;
/** Request headers passed on to the bot or the Playground (no hop-by-hop headers, no host). */
const FORWARDED_HEADERS = ['content-type', 'authorization', 'accept', 'x-ms-conversation-id'];

/** The last activity the Playground sent: where it is, and who the bot and the person are there. */
interface PlaygroundSide {
  readonly serviceUrl: string;
  readonly conversation: Record<string, unknown>;
  readonly bot: unknown;
  readonly person: unknown;
}

export async function startDevConnector(options: DevConnectorOptions): Promise<RunningDevConnector> {
  const known = new Set<string>();
  let latest: PlaygroundSide | undefined;
  /** The personal chat, where previews go (a dialog open in a group chat is left alone). */
  let personal: PlaygroundSide | undefined;
  let origin = '';

  /** Playground → bot: remember the conversation and where the Playground's connector is. */
  const toBot = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const body = await readBody(req);
    const activity = parseObject(body);
    if (!activity) return answer(res, 400, { error: { code: 'BadArgument', message: 'not an activity' } });
    const conversation = activity.conversation as Record<string, unknown> | undefined;
    if (typeof activity.serviceUrl === 'string' && typeof conversation?.id === 'string') {
      known.add(conversation.id);
      latest = { serviceUrl: activity.serviceUrl, conversation, bot: activity.recipient, person: activity.from };
      if (conversation.conversationType === 'personal') personal = latest;
    }
    const forwarded = latest ? { ...activity, serviceUrl: `${origin}${CONNECTOR_PATH}` } : activity;
    await relay(res, options.botEndpoint, req, JSON.stringify(forwarded));
  };

  /** Bot → connector: through to the Playground, or answered here for a chat it does not know. */
  const fromBot = async (req: IncomingMessage, res: ServerResponse, path: string): Promise<void> => {
    const body = await readBody(req);
    const conversationId = conversationOf(path);
    if (conversationId !== undefined && !known.has(conversationId) && req.method === 'POST' && isActivitiesPath(path)) {
      return postIntoNewChat(res, conversationId, parseObject(body));
    }
    if (!latest) return answer(res, 404, { error: { code: 'ConversationNotFound', message: 'The Playground has not written yet.' } });
    await relay(res, `${latest.serviceUrl.replace(/\/$/, '')}${path}`, req, body);
  };

  const postIntoNewChat = async (res: ServerResponse, conversationId: string, activity: Record<string, unknown> | undefined): Promise<void> => {
    const activityId = randomUUID();
    answer(res, 201, { id: activityId });
    const shownIn = personal;
    if (shownIn && activity) {
      const preview = {
        type: 'message',
        from: shownIn.bot,
        recipient: shownIn.person,
        conversation: shownIn.conversation,
        text: PREVIEW_TEXT,
        attachments: Array.isArray(activity.attachments) ? activity.attachments : [],
      };
      const url = `${shownIn.serviceUrl.replace(/\/$/, '')}/v3/conversations/${encodeURIComponent(String(shownIn.conversation.id))}/activities`;
      // The bot has its answer already; a preview the Playground refuses only goes missing here.
      await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(preview) }).catch(() => undefined);
    }
    options.onPreview?.({ conversationId, activityId, shownIn: shownIn ? String(shownIn.conversation.id) : undefined });
  };

  const server: Server = createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://127.0.0.1').pathname;
    const route =
      req.method === 'POST' && path === '/api/messages' ? toBot(req, res) : path.startsWith(`${CONNECTOR_PATH}/`) ? fromBot(req, res, (req.url ?? '').slice(CONNECTOR_PATH.length)) : undefined;
    if (!route) return answer(res, 404, { error: { code: 'NotFound', message: 'Not a Bot Connector path.' } });
    route.catch((error: unknown) => {
      if (error instanceof BodyTooLarge) return answer(res, 413, { error: { code: 'TooLarge', message: 'Body too large.' } });
      answer(res, 502, { error: { code: 'BadGateway', message: error instanceof Error ? error.message : String(error) } });
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    messagesEndpoint: `${origin}/api/messages`,
    serviceUrl: `${origin}${CONNECTOR_PATH}`,
    stop: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** `/v3/conversations/{id}/…` → the conversation id, decoded; undefined for other paths. */
function conversationOf(path: string): string | undefined {
  const match = /^\/v3\/conversations\/([^/?]+)/.exec(path);
  if (!match) return undefined;
  try {
    return decodeURIComponent(match[1]!);
  } catch {
    return undefined;
  }
}

/** A send (`…/activities`) or a reply (`…/activities/{id}`). */
function isActivitiesPath(path: string): boolean {
  return /^\/v3\/conversations\/[^/?]+\/activities(\/[^/?]+)?(\?|$)/.test(path);
}

/** Passes a request on and its answer back, status, type and body unchanged. */
async function relay(res: ServerResponse, url: string, req: IncomingMessage, body: string): Promise<void> {
  const headers: Record<string, string> = {};
  for (const name of FORWARDED_HEADERS) {
    const value = req.headers[name];
    if (typeof value === 'string') headers[name] = value;
  }
  const method = req.method ?? 'GET';
  const upstream = await fetch(url, { method, headers, ...(method === 'GET' || method === 'HEAD' ? {} : { body }) });
  const text = await upstream.text();
  const type = upstream.headers.get('content-type');
  res.writeHead(upstream.status, type ? { 'content-type': type } : {});
  res.end(text);
}

function answer(res: ServerResponse, status: number, body: unknown): void {
  if (res.headersSent) return;
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8' });
  res.end(JSON.stringify(body));
}

class BodyTooLarge extends Error {}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY_BYTES) throw new BodyTooLarge();
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}

function parseObject(text: string): Record<string, unknown> | undefined {
  try {
    const value: unknown = JSON.parse(text);
    return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}
