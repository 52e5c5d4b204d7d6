import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { PREVIEW_TEXT, type PostedIntoNewChat, type RunningDevConnector, startDevConnector } from '../../src/dev/devConnector';

interface Seen {
  readonly method: string;
  readonly path: string;
  readonly body: Record<string, unknown> | undefined;
}

/** A loopback server that records each request and answers as `reply` says. */
async function recorder(reply: (seen: Seen) => { status: number; body?: unknown }): Promise<{ url: string; seen: Seen[]; close(): Promise<void> }> {
  const seen: Seen[] = [];
  const server: Server = createServer((req: IncomingMessage, res) => {
    let text = '';
    req.on('data', (chunk: Buffer) => (text += chunk.toString('utf8')));
    req.on('end', () => {
      const entry = { method: req.method ?? '', path: req.url ?? '', body: text ? (JSON.parse(text) as Record<string, unknown>) : undefined };
      seen.push(entry);
      const answer = reply(entry);
      res.writeHead(answer.status, { 'content-type': 'application/json' });
      res.end(answer.body === undefined ? '' : JSON.stringify(answer.body));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    seen,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

const PERSONAL = 'a:personal-chat';
const GROUP = '19:group@thread.skype';
const NEW_CHAT = '19:new-chat@thread.v2';
const BOT = { id: '28:bot', name: 'Chat Starter' };
const ALEX = { id: '29:alex', name: 'Alex Wilber' };

describe('the dev stack Bot Connector', () => {
  let bot: Awaited<ReturnType<typeof recorder>>;
  let playground: Awaited<ReturnType<typeof recorder>>;
  let connector: RunningDevConnector;
  const previews: PostedIntoNewChat[] = [];

  beforeAll(async () => {
    bot = await recorder((seen) => (seen.body?.type === 'invoke' ? { status: 200, body: { status: 200, body: { answered: true } } } : { status: 200 }));
    playground = await recorder((seen) => (seen.path.includes(encodeURIComponent(NEW_CHAT)) ? { status: 404, body: { error: { code: 'ConversationNotFound' } } } : { status: 201, body: { id: 'pg-1' } }));
    connector = await startDevConnector({ botEndpoint: `${bot.url}/api/messages`, onPreview: (preview) => previews.push(preview) });
  });
  afterAll(async () => {
    await connector?.stop();
    await bot?.close();
    await playground?.close();
  });

  const fromPlayground = (conversation: Record<string, unknown>, extra: Record<string, unknown> = {}): Promise<Response> =>
    fetch(connector.messagesEndpoint, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ type: 'message', text: 'hi', serviceUrl: `${playground.url}/_connector`, conversation, from: ALEX, recipient: BOT, ...extra }),
    });
  const fromBot = (method: string, path: string, body?: unknown): Promise<Response> =>
    fetch(`${connector.serviceUrl}${path}`, { method, headers: { 'content-type': 'application/json' }, ...(body === undefined ? {} : { body: JSON.stringify(body) }) });

  it('passes the Playground activities to the bot with itself as the service URL, and the bot answer back', async () => {
    await fromPlayground({ id: PERSONAL, conversationType: 'personal' });
    const invoke = await fromPlayground({ id: GROUP, conversationType: 'groupChat' }, { type: 'invoke', name: 'composeExtension/submitAction' });
    expect(invoke.status).toBe(200);
    expect(await invoke.json()).toEqual({ status: 200, body: { answered: true } });
    expect(bot.seen.map((entry) => [entry.path, entry.body?.serviceUrl, (entry.body?.conversation as { id: string }).id])).toEqual([
      ['/api/messages', connector.serviceUrl, PERSONAL],
      ['/api/messages', connector.serviceUrl, GROUP],
    ]);
  });

  it('passes what the bot sends to a conversation the Playground knows through, unchanged', async () => {
    const path = `/v3/conversations/${encodeURIComponent(GROUP)}/activities/act-1`;
    const answer = await fromBot('PUT', path, { type: 'message', text: 'updated' });
    expect(answer.status).toBe(201);
    expect(await answer.json()).toEqual({ id: 'pg-1' });
    expect(playground.seen.at(-1)).toEqual({ method: 'PUT', path: `/_connector${path}`, body: { type: 'message', text: 'updated' } });
  });

  it('answers a post into a new chat as Teams would and shows it in the personal chat as a preview', async () => {
    const before = playground.seen.length;
    const card = { contentType: 'application/vnd.microsoft.card.adaptive', content: { type: 'AdaptiveCard', body: [{ type: 'TextBlock', text: 'Hello team!' }] } };
    const answer = await fromBot('POST', `/v3/conversations/${encodeURIComponent(NEW_CHAT)}/activities`, { type: 'message', attachments: [card] });
    expect(answer.status).toBe(201);
    const { id } = (await answer.json()) as { id: string };
    expect(id).toEqual(expect.any(String));
    for (let i = 0; i < 100 && previews.length === 0; i += 1) await new Promise((resolve) => setTimeout(resolve, 20));
    expect(previews).toEqual([{ conversationId: NEW_CHAT, activityId: id, shownIn: PERSONAL }]);
    const shown = playground.seen.slice(before);
    expect(shown).toEqual([
      {
        method: 'POST',
        path: `/_connector/v3/conversations/${encodeURIComponent(PERSONAL)}/activities`,
        body: { type: 'message', from: BOT, recipient: ALEX, conversation: { id: PERSONAL, conversationType: 'personal' }, text: PREVIEW_TEXT, attachments: [card] },
      },
    ]);
  });

  it('passes anything else for an unknown conversation to the Playground, which refuses it', async () => {
    const answer = await fromBot('GET', `/v3/conversations/${encodeURIComponent(NEW_CHAT)}/members`);
    expect(answer.status).toBe(404);
    expect(playground.seen.at(-1)?.path).toBe(`/_connector/v3/conversations/${encodeURIComponent(NEW_CHAT)}/members`);
  });
});
