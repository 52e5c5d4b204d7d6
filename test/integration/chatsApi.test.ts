import { SignJWT, base64url, decodeJwt, decodeProtectedHeader, generateKeyPair } from 'jose';
import { sandboxApiEnv } from '../../src/dev/sandboxBotEnv';
import { startSandbox } from '../../src/sandbox';
import { BotOnSandbox, kickoffEnv, startBotOnSandbox } from '../support/botOnSandbox';
import { ApiAnswer, callerApp, expectDocumentedAnswer, postChat, tokenFor } from '../support/chatsApiClient';
import { kickoffCardsIn, playTeamsInstalls } from '../support/kickoffHarness';
import { PEOPLE } from '../support/people';

/**
 * `POST /api/chats` over real HTTP: the compiled bot, its token check against the sandbox
 * tenant's metadata and keys, the chat created through Graph in the sandbox and the kickoff card
 * posted through the Bot Connector stand-in (TEAMS_SERVICE_URL). Every answer is checked against
 * the OpenAPI document.
 */
describe('the chats API', () => {
  let env: BotOnSandbox;
  let teams: ReturnType<typeof playTeamsInstalls>;
  let token: string;

  beforeAll(async () => {
    env = await startBotOnSandbox(({ sandbox, connector }) => ({
      ...kickoffEnv(sandbox),
      ...sandboxApiEnv(sandbox.api!, connector.serviceUrl),
      // Release Pipeline holds the role but is not listed: the "caller not allowed" case.
      API_CALLERS: sandbox.api!.callers
        .filter((caller) => !caller.displayName.startsWith('Release'))
        .map((caller) => `${caller.clientId}=${caller.displayName.replace(/ \(sandbox\)$/, '')}`)
        .join(';'),
    }));
    teams = playTeamsInstalls(env.sandbox, env.connector, () => [env.bot]);
    token = await tokenFor(env.sandbox, callerApp(env.sandbox, 'Incident'));
  }, 60_000);
  afterAll(async () => {
    teams?.stop();
    await env?.stop();
  });
  beforeEach(() => {
    env.sandbox.requests.clear();
    env.sandbox.faults.clear();
    env.sandbox.api!.setTokenVersion(2);
    env.sandbox.api!.setTokenLifetimeSeconds(undefined);
  });

  const post = async (body: unknown, options: Parameters<typeof postChat>[2] = {}): Promise<ApiAnswer> => {
    const answer = await postChat(env.bot.url, body, { token, ...options });
    expectDocumentedAnswer(answer);
    return answer;
  };
  const chatPosts = () => env.sandbox.requests.all().filter((entry) => entry.method === 'POST' && entry.path === '/v1.0/chats');
  const graphCalls = () => env.sandbox.requests.all().filter((entry) => entry.path.startsWith('/v1.0'));

  it('creates the chat: 201 with Location, the members with their roles, a working link, and the kickoff card naming the calling system', async () => {
    const answer = await post(
      { members: ['Megan Bowen', 'pat@fabrikam.com'], requester: PEOPLE.alex.upn, topic: 'Incident 4711', message: 'Paging on-call.\nSecond line.' },
      { key: 'incident-4711' },
    );
    expect(answer.status).toBe(201);
    const chat = answer.body as { id: string; webUrl: string; chatType: string; topic: string; members: { id: string; displayName: string; role: string }[]; kickoff: { posted: boolean } };
    expect(chat.chatType).toBe('group');
    expect(chat.topic).toBe('Incident 4711');
    expect(chat.members).toEqual([
      { id: PEOPLE.alex.id, displayName: 'Alex Wilber', role: 'owner' },
      { id: PEOPLE.megan.id, displayName: 'Megan Bowen', role: 'owner' },
      { id: '8ba98gf6-7fc2-4eb2-c7f2-aef9f21fd98g', displayName: 'Pat Kim (Fabrikam)', role: 'guest' },
    ]);
    expect(answer.headers.get('location')).toBe(chat.webUrl);
    expect(answer.headers.get('idempotent-replayed')).toBeNull();
    // The link opens the chat the sandbox created.
    const created = env.sandbox.chats.list().find((entry) => entry.id === chat.id)!;
    expect(created.members.map((member) => member.userId).sort()).toEqual([PEOPLE.alex.id, PEOPLE.megan.id, '8ba98gf6-7fc2-4eb2-c7f2-aef9f21fd98g'].sort());
    expect(chat.webUrl).toBe(created.webUrl);
    expect(chat.kickoff).toEqual({ posted: true });
    const [kickoff, ...more] = kickoffCardsIn(env.connector, chat.id);
    expect(more).toHaveLength(0);
    expect(kickoff!.text).toContain('Incident Desk');
    expect(kickoff!.mentions.map((mention) => mention.mentioned.id)).toEqual([PEOPLE.alex.id]);
    expect(kickoff!.firstWords).toBe('Paging on-call.\nSecond line.');
  });

  it('answers the same key and body with the same answer (Idempotent-Replayed) and one POST /chats; another body with the key gets 422', async () => {
    const body = { members: ['Adele Vance', 'Lee Gu'], requester: PEOPLE.alex.id, topic: 'Release 2.4' };
    const first = await post(body, { key: 'release-2.4' });
    const again = await post({ topic: 'Release 2.4', requester: PEOPLE.alex.id, members: ['Adele Vance', 'Lee Gu'] }, { key: '"release-2.4"' });
    expect(first.status).toBe(201);
    expect(again.status).toBe(201);
    expect(again.body).toEqual(first.body);
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    expect(chatPosts()).toHaveLength(1);
    const other = await post({ ...body, topic: 'Release 2.5' }, { key: 'release-2.4' });
    expect(other.status).toBe(422);
    expect(other.body.type).toBe('urn:chat-starter:problem:idempotency-key-reused');
    expect(chatPosts()).toHaveLength(1);
    // Without a key, each request is new.
    const fresh = await post(body);
    expect(fresh.status).toBe(201);
    expect(fresh.body.id).not.toBe(first.body.id);
  });

  it('answers 422 naming each person not found, ambiguous (with the candidates) or disabled, and creates nothing', async () => {
    const answer = await post({ members: ['Megan', 'nobody@example.com', 'Diego Siciliani'], requester: PEOPLE.alex.upn, topic: 'x' });
    expect(answer.status).toBe(422);
    const people = answer.body.people as { member: string; reason: string; candidates?: { displayName: string }[] }[];
    expect(people.map((person) => [person.member, person.reason])).toEqual([['Megan', 'ambiguous'], ['nobody@example.com', 'notFound'], ['Diego Siciliani', 'disabled']]);
    expect(people[0]!.candidates!.map((candidate) => candidate.displayName).sort()).toEqual(['Megan Bowen', 'Megan Brooks']);
    const requesterMissing = await post({ members: ['Megan Bowen'], requester: 'ghost@example.com' });
    expect(requesterMissing.status).toBe(422);
    expect(chatPosts()).toHaveLength(0);
  });

  it('answers 400 with JSON Pointers for a malformed body, and 415 for one that is not JSON', async () => {
    const bad = await post({ members: [], topic: 7, extra: true });
    expect(bad.status).toBe(400);
    expect((bad.body.errors as { pointer: string }[]).map((error) => error.pointer).sort()).toEqual(['/', '/members', '/topic']);
    expect((await post('{"members": [', {})).status).toBe(400);
    expect((await post('members=a', { headers: { 'content-type': 'text/plain' } })).status).toBe(415);
    expect(graphCalls()).toHaveLength(0);
  });

  it('accepts a v1.0 token for the Application ID URI as Entra issues it', async () => {
    env.sandbox.api!.setTokenVersion(1);
    const v1 = await tokenFor(env.sandbox, callerApp(env.sandbox, 'Incident'));
    expect(decodeJwt(v1)).toMatchObject({ ver: '1.0', aud: env.sandbox.api!.applicationIdUri, iss: `https://sts.windows.net/${env.sandbox.tenantId}/` });
    const answer = await post({ members: ['Johanna Lorenz'], requester: PEOPLE.alex.upn }, { token: v1 });
    expect(answer.status).toBe(201);
    expect(answer.body.chatType).toBe('oneOnOne');
  });

  it('refuses hostile tokens with 401 (WWW-Authenticate) or 403, none of them reaching Graph', async () => {
    const genuine = decodeJwt(token);
    const header = decodeProtectedHeader(token);
    const [h, p, signature] = token.split('.') as [string, string, string];
    const claims = (overrides: Record<string, unknown>) => base64url.encode(JSON.stringify({ ...genuine, ...overrides }));
    env.sandbox.api!.setTokenLifetimeSeconds(-3600);
    const expired = await tokenFor(env.sandbox, callerApp(env.sandbox, 'Incident'));
    env.sandbox.api!.setTokenLifetimeSeconds(undefined);
    const graphToken = await tokenFor(env.sandbox, { clientId: env.sandbox.clientId, clientSecret: env.sandbox.clientSecret }, 'https://graph.microsoft.com/.default');
    const otherSandbox = await startSandbox({ port: 0 });
    const otherIssuer = await tokenFor(otherSandbox, callerApp(otherSandbox, 'Incident'));
    await otherSandbox.close();
    const { privateKey } = await generateKeyPair('ES256');
    const otherTenant = await new SignJWT({ ...genuine, tid: '99999999-9999-4999-8999-999999999999' }).setProtectedHeader({ alg: 'ES256', typ: 'JWT', kid: header.kid! }).sign(privateKey);
    const publicPem = JSON.stringify((await (await fetch(`${env.sandbox.origin}/${env.sandbox.tenantId}/discovery/v2.0/keys`)).json() as { keys: unknown[] }).keys[0]);
    const hmac = await new SignJWT(genuine).setProtectedHeader({ alg: 'HS256', typ: 'JWT', kid: header.kid! }).sign(new TextEncoder().encode(publicPem));
    const cases: [string, string | undefined, number][] = [
      ['no token', undefined, 401],
      ['expired', expired, 401],
      ['another audience (Graph)', graphToken, 401],
      ['another issuer', otherIssuer, 401],
      ['another tenant', otherTenant, 401],
      ['alg none', `${base64url.encode(JSON.stringify({ ...header, alg: 'none' }))}.${p}.`, 401],
      ['HS256 keyed with the public key', hmac, 401],
      ['forged claims', `${h}.${claims({ roles: ['Chats.Create', 'Directory.ReadWrite.All'] })}.${signature}`, 401],
      ['garbled signature', `${h}.${p}.${base64url.encode('not a signature')}`, 401],
      ['no role', await tokenFor(env.sandbox, callerApp(env.sandbox, 'Unassigned')), 403],
      ['caller not allowed', await tokenFor(env.sandbox, callerApp(env.sandbox, 'Release')), 403],
    ];
    env.sandbox.requests.clear();
    const seen: [string, number, string | null][] = [];
    for (const [name, hostile] of cases) {
      const answer = await postChat(env.bot.url, { members: ['Megan Bowen'], requester: PEOPLE.alex.upn }, hostile === undefined ? {} : { token: hostile });
      expectDocumentedAnswer(answer);
      seen.push([name, answer.status, answer.headers.get('www-authenticate')]);
    }
    expect(seen.map(([name, status]) => [name, status])).toEqual(cases.map(([name, , status]) => [name, status]));
    expect(seen[0]![2]).toBe(`Bearer realm="${env.sandbox.api!.clientId}"`);
    for (const [name, , challenge] of seen.slice(1)) {
      const refused = cases.find(([caseName]) => caseName === name)![2];
      expect(challenge).toMatch(refused === 401 ? /^Bearer realm="[^"]+", error="invalid_token", error_description="[^"]+"$/ : /error="insufficient_scope"/);
    }
    expect(graphCalls()).toHaveLength(0);
  });

  it('serves its OpenAPI document without a token', async () => {
    const res = await fetch(`${env.bot.url}/api/openapi.json`);
    expect(res.status).toBe(200);
    expect(((await res.json()) as { openapi: string }).openapi).toBe('3.1.0');
  });
});

describe('the chats API when it is not configured', () => {
  let env: BotOnSandbox;
  beforeAll(async () => {
    env = await startBotOnSandbox();
  });
  afterAll(async () => {
    await env?.stop();
  });

  it('answers 404 for the API and its document', async () => {
    expect((await postChat(env.bot.url, { members: ['Megan Bowen'] })).status).toBe(404);
    expect((await fetch(`${env.bot.url}/api/openapi.json`)).status).toBe(404);
  });
});

