import { createRemoteJWKSet, jwtVerify } from 'jose';
import { startSandbox, type SandboxTenant } from '../../src/sandbox';
import { sandboxEnv } from '../support/botOnSandbox';
import { BotProcess, runBotExpectingExit, startBotProcess } from '../support/botProcess';
import { ChannelIssuer, authenticatedBotEnv, ChannelSigningKey, startChannelIssuer } from '../support/channelIssuer';
import { ConnectorStub } from '../support/connectorStub';
import { NOT_A_JWT, garbledSignature, notYetValidToken, publicKeyHmacToken, unsignedToken } from '../support/hostileTokens';
import { PEOPLE } from '../support/people';
import { messageActivity } from '../support/teamsActivity';

/**
 * Inbound authentication of the compiled bot with real signed tokens: a local Bot Framework
 * token authority (OpenID metadata + JWKS over HTTPS) signs what "Teams" sends; the sandbox
 * tenant is the authority the bot gets its own reply token from; the connector stub receives
 * the replies. Nothing is mocked inside the bot process.
 */
describe('Bot Framework authentication of /api/messages', () => {
  let sandbox: SandboxTenant;
  let connector: ConnectorStub;
  let issuer: ChannelIssuer;
  let bot: BotProcess;
  let webchatOnlyKey: ChannelSigningKey;
  let unendorsedKey: ChannelSigningKey;
  let unknownKey: ChannelSigningKey;

  beforeAll(async () => {
    [sandbox, issuer] = await Promise.all([startSandbox({ port: 0 }), startChannelIssuer()]);
    connector = new ConnectorStub();
    await connector.start();
    // Every key is published before the bot's first fetch: the SDK caches the key set.
    [webchatOnlyKey, unendorsedKey, unknownKey] = await Promise.all([
      issuer.publishKey(['webchat']),
      issuer.publishKey(undefined),
      issuer.createUnpublishedKey(),
    ]);
    bot = await startBotProcess({
      ...sandboxEnv(sandbox),
      ...authenticatedBotEnv(sandbox, issuer),
    });
  });
  afterAll(async () => {
    await bot?.stop();
    await connector?.stop();
    await issuer?.close();
    await sandbox?.close();
  });
  beforeEach(() => {
    connector.clear();
    sandbox.requests.clear();
  });

  const helpActivity = (overrides: Record<string, unknown> = {}): Record<string, unknown> => ({
    ...messageActivity({ serviceUrl: connector.serviceUrl, tenantId: sandbox.tenantId, fromAadObjectId: PEOPLE.alex.id, fromName: PEOPLE.alex.name, text: 'help' }),
    ...overrides,
  });
  const token = (options: Partial<Parameters<ChannelIssuer['signActivityToken']>[0]> = {}): Promise<string> =>
    issuer.signActivityToken({ audience: sandbox.clientId, serviceUrl: connector.serviceUrl, ...options });

  /** The raw exchange: rejected requests answer with plain text, which `BotProcess.post` does not parse. */
  const post = async (activity: Record<string, unknown>, authorization?: string): Promise<{ status: number; text: string }> => {
    const headers: Record<string, string> = { 'content-type': 'application/json' };
    if (authorization !== undefined) headers['authorization'] = authorization;
    const res = await fetch(`${bot.url}/api/messages`, { method: 'POST', headers, body: JSON.stringify(activity) });
    return { status: res.status, text: await res.text() };
  };

  /**
   * After a rejected request has been answered, a valid one gets exactly one reply, and it is to
   * the valid one: the rejected activity produced nothing (a reply is sent inside the turn, so it
   * would have reached the stub before the rejection's own response).
   */
  const expectOnlyTheNextValidActivityAnswered = async (): Promise<void> => {
    const canary = helpActivity();
    const res = await post(canary, `Bearer ${await token()}`);
    expect(res.status).toBe(200);
    const sent = await connector.waitForSent(1);
    expect(sent).toHaveLength(1);
    expect(sent[0]!.conversationId).toBe((canary.conversation as { id: string }).id);
  };

  it('accepts a properly signed token, and the reply carries a bot token from the local authority', async () => {
    const activity = helpActivity();
    const res = await post(activity, `Bearer ${await token()}`);
    expect(res.status).toBe(200);
    // The first reply of this bot process, so its token was not cached: it was asked for now.
    const tokenRequests = sandbox.requests.all().filter((r) => r.method === 'POST' && r.path.endsWith('/oauth2/v2.0/token'));
    expect(tokenRequests.map((r) => r.body)).toEqual([
      expect.objectContaining({ grant_type: 'client_credentials', client_id: sandbox.clientId, scope: 'https://api.botframework.com/.default' }),
    ]);
    expect(tokenRequests[0]!.path).toBe(`/${sandbox.tenantId}/oauth2/v2.0/token`);

    const [reply, ...others] = await connector.waitForSent(1);
    expect(others).toHaveLength(0);
    expect(reply!.conversationId).toBe((activity.conversation as { id: string }).id);
    expect(reply!.activityId).toBe(activity.id);
    // The bot fetched the channel's metadata and keys from the local issuer, not the internet.
    expect(issuer.requests).toEqual(expect.arrayContaining(['/v1/.well-known/openidconfiguration', '/v1/.well-known/keys']));

    // The reply's bearer token: issued by the sandbox tenant to the bot's app, for the Bot Framework.
    const match = /^Bearer (\S+)$/.exec(reply!.authorization ?? '');
    expect(match).not.toBeNull();
    const jwks = createRemoteJWKSet(new URL(`${sandbox.origin}/${sandbox.tenantId}/discovery/v2.0/keys`));
    const { payload } = await jwtVerify(match![1]!, jwks, {
      issuer: `https://sts.windows.net/${sandbox.tenantId}/`,
      audience: 'https://api.botframework.com',
    });
    expect(payload).toMatchObject({ appid: sandbox.clientId, tid: sandbox.tenantId });
    expect(payload).not.toHaveProperty('roles');
  });

  /** The reason the bot logged for its latest 401 (the response body itself is fixed). */
  const loggedRejectionReason = async (before: number): Promise<string> => {
    const rejections = (): Record<string, unknown>[] =>
      bot.logs.map((line) => parseLogLine(line)).filter((entry): entry is Record<string, unknown> => entry?.['msg'] === 'request rejected' && entry['status'] === 401);
    for (let attempt = 0; attempt < 200 && rejections().length <= before; attempt += 1) await new Promise((resolve) => setTimeout(resolve, 25));
    const latest = rejections().slice(before);
    expect(latest).toHaveLength(1);
    return String(latest[0]!['reason']);
  };
  const rejectionCount = (): number => bot.logs.filter((line) => line.includes('"request rejected"') && line.includes('"status":401')).length;
  const claims = () => ({ audience: sandbox.clientId, serviceUrl: connector.serviceUrl });

  describe('rejects with 401, a fixed body, the reason in the log, and no reply', () => {
    const cases: Array<[string, () => Promise<{ activity: Record<string, unknown>; authorization?: string }>, RegExp]> = [
      ['no Authorization header', async () => ({ activity: helpActivity() }), /Unauthorized Access\. Request is not authorized/],
      ['a token for another bot (audience)', async () => ({ activity: helpActivity(), authorization: `Bearer ${await token({ audience: 'aaaaaaaa-0000-4000-8000-000000000000' })}` }), /Unauthorized\. Invalid AppId passed on token: aaaaaaaa-0000-4000-8000-000000000000/],
      ['a token from another issuer', async () => ({ activity: helpActivity(), authorization: `Bearer ${await token({ issuer: 'https://login.botframework.example' })}` }), /Unauthorized\. No valid identity\./],
      ['a token expired beyond the 5-minute clock skew', async () => ({ activity: helpActivity(), authorization: `Bearer ${await token({ expiresIn: -400 })}` }), /The token has expired/],
      ['a token signed by a key the metadata does not list', async () => ({ activity: helpActivity(), authorization: `Bearer ${await token({ key: unknownKey })}` }), /Signing Key could not be retrieved\./],
      ['a serviceurl claim that differs from activity.serviceUrl', async () => ({ activity: helpActivity(), authorization: `Bearer ${await token({ serviceUrl: 'https://smba.trafficmanager.net/emea/' })}` }), /Unauthorized\. ServiceUrl claim do not match\./],
      ['a key endorsed only for another channel (webchat)', async () => ({ activity: helpActivity(), authorization: `Bearer ${await token({ key: webchatOnlyKey })}` }), /Could not validate endorsement for key: \w+ with endorsements: webchat/],
      ['a non-Bearer scheme', async () => ({ activity: helpActivity(), authorization: `Basic ${Buffer.from('a:b').toString('base64')}` }), /Unauthorized\. No valid identity\./],
      // The SDK itself answers these with 500 and jsonwebtoken's message in the body.
      ['a published kid with a forged signature', async () => ({ activity: helpActivity(), authorization: `Bearer ${await token({ key: { ...unknownKey, kid: issuer.teamsKey.kid } })}` }), /invalid signature/],
      ['a real token whose signature is garbled', async () => ({ activity: helpActivity(), authorization: `Bearer ${garbledSignature(await token())}` }), /invalid signature/],
      ['a token not valid before an hour from now (nbf)', async () => ({ activity: helpActivity(), authorization: `Bearer ${await notYetValidToken(issuer.teamsKey, claims())}` }), /jwt not active/],
      ['alg: none', async () => ({ activity: helpActivity(), authorization: `Bearer ${unsignedToken(issuer.teamsKey.kid, claims())}` }), /./],
      ['HS256 keyed with the published public key', async () => ({ activity: helpActivity(), authorization: `Bearer ${await publicKeyHmacToken(issuer.teamsKey, claims())}` }), /./],
      ['a bearer value that is not a JWT', async () => ({ activity: helpActivity(), authorization: NOT_A_JWT }), /./],
    ];
    it.each(cases)('%s', async (_name, build, reason) => {
      const { activity, authorization } = await build();
      const before = rejectionCount();
      const res = await post(activity, authorization);
      expect(res.status).toBe(401);
      expect(JSON.parse(res.text)).toEqual({ error: { code: 'Unauthorized', message: 'The request is not authorized.' } });
      expect(connector.sent()).toHaveLength(0);
      expect(await loggedRejectionReason(before)).toMatch(reason);
      await expectOnlyTheNextValidActivityAnswered();
    });
  });

  describe('what the SDK tolerates (asserted so a change is noticed)', () => {
    it('accepts a key published without any endorsements: the endorsement check applies only to endorsed keys', async () => {
      const res = await post(helpActivity(), `Bearer ${await token({ key: unendorsedKey })}`);
      expect(res.status).toBe(200);
      expect(await connector.waitForSent(1)).toHaveLength(1);
    });

    it('accepts a token that expired less than 5 minutes ago (clock skew allowance)', async () => {
      const res = await post(helpActivity(), `Bearer ${await token({ expiresIn: -60 })}`);
      expect(res.status).toBe(200);
      expect(await connector.waitForSent(1)).toHaveLength(1);
    });
  });
});

describe('running without an app id', () => {
  it('refuses to start in production with an empty BOT_ID, naming the variable', async () => {
    const sandbox = await startSandbox({ port: 0 });
    try {
      const { code, output } = await runBotExpectingExit({ ...sandboxEnv(sandbox), NODE_ENV: 'production', BOT_ID: '' });
      expect(code).not.toBe(0);
      expect(code).not.toBeNull();
      expect(output).toMatch(/BOT_ID/);
      expect(output).not.toMatch(/listening/);
    } finally {
      await sandbox.close();
    }
  });

  it('in anonymous (local) mode, logs a loud warning and accepts unauthenticated requests', async () => {
    const sandbox = await startSandbox({ port: 0 });
    const connector = new ConnectorStub();
    await connector.start();
    let bot: BotProcess | undefined;
    try {
      bot = await startBotProcess(sandboxEnv(sandbox));
      const warnings = bot.logs
        .map((line) => parseLogLine(line))
        .filter((entry): entry is Record<string, unknown> => entry !== undefined && entry['level'] === 40);
      expect(warnings.map((entry) => entry['msg'])).toEqual(
        expect.arrayContaining([expect.stringMatching(/ANONYMOUS LOCAL MODE.*NOT authenticated/)]),
      );
      const res = await fetch(`${bot.url}/api/messages`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(messageActivity({ serviceUrl: connector.serviceUrl, tenantId: sandbox.tenantId, fromAadObjectId: PEOPLE.alex.id, text: 'help' })),
      });
      expect(res.status).toBe(200);
      const [reply] = await connector.waitForSent(1);
      expect(reply!.authorization).toBeUndefined();
    } finally {
      await bot?.stop();
      await connector.stop();
      await sandbox.close();
    }
  });
});

function parseLogLine(line: string): Record<string, unknown> | undefined {
  try {
    return JSON.parse(line) as Record<string, unknown>;
  } catch (error) {
    if (error instanceof SyntaxError) return undefined; // the SDK also prints plain text to stdout
    throw error;
  }
}
