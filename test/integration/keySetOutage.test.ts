import { startSandbox, type SandboxTenant } from '../../src/sandbox';
import { sandboxEnv } from '../support/botOnSandbox';
import { BotProcess, startBotProcess } from '../support/botProcess';
import { ChannelIssuer, IssuerFault, authenticatedBotEnv, startChannelIssuer } from '../support/channelIssuer';
import { ConnectorStub } from '../support/connectorStub';
import { NOT_A_JWT, garbledSignature, publicKeyHmacToken, unsignedToken } from '../support/hostileTokens';
import { PEOPLE } from '../support/people';
import { messageActivity } from '../support/teamsActivity';

jest.setTimeout(60_000);

/**
 * The Bot Framework's OpenID metadata or key set cannot be fetched: the bot cannot check any
 * token, which is its own fault, not the sender's. It must answer 503 with Retry-After (Teams
 * delivers again) and log why; a 401 would tell Teams the request was bad and the message would
 * be lost. When the key set is back, the same activity is accepted, once.
 */
describe('a Bot Framework key set that cannot be fetched', () => {
  let sandbox: SandboxTenant;
  let connector: ConnectorStub;

  beforeAll(async () => {
    sandbox = await startSandbox({ port: 0 });
    connector = new ConnectorStub();
    await connector.start();
  });
  afterAll(async () => {
    await connector?.stop();
    await sandbox?.close();
  });
  beforeEach(() => connector.clear());

  /** A bot whose first look at the key set happens while the issuer already fails. */
  const startAgainst = async (issuer: ChannelIssuer): Promise<BotProcess> => startBotProcess({ ...sandboxEnv(sandbox), ...authenticatedBotEnv(sandbox, issuer) });

  const helpActivity = (id: string): Record<string, unknown> =>
    messageActivity({ serviceUrl: connector.serviceUrl, tenantId: sandbox.tenantId, fromAadObjectId: PEOPLE.alex.id, fromName: PEOPLE.alex.name, text: 'help', id });

  const post = async (bot: BotProcess, activity: Record<string, unknown>, authorization?: string): Promise<{ status: number; retryAfter: string | null; body: unknown }> => {
    const headers: Record<string, string> = { 'content-type': 'application/json' };
    if (authorization !== undefined) headers['authorization'] = authorization;
    const res = await fetch(`${bot.url}/api/messages`, { method: 'POST', headers, body: JSON.stringify(activity) });
    const text = await res.text();
    return { status: res.status, retryAfter: res.headers.get('retry-after'), body: text ? (JSON.parse(text) as unknown) : undefined };
  };

  const token = (issuer: ChannelIssuer): Promise<string> => issuer.signActivityToken({ audience: sandbox.clientId, serviceUrl: connector.serviceUrl });

  /** The bot's JSON log entries with this message (the SDK also prints plain text). */
  const logged = (bot: BotProcess, msg: string): Record<string, unknown>[] =>
    bot.logs.flatMap((line) => {
      try {
        const entry = JSON.parse(line) as Record<string, unknown>;
        return entry['msg'] === msg ? [entry] : [];
      } catch {
        return [];
      }
    });
  const keySetErrors = (bot: BotProcess): Record<string, unknown>[] => logged(bot, 'could not check a token: the Bot Framework key set is unavailable');
  const rejections = (bot: BotProcess): Record<string, unknown>[] => logged(bot, 'request rejected').filter((entry) => entry['status'] === 401);

  /** The reason logged with the 401 after the first `before`; the log reaches the test a little after the answer. */
  const rejectionReasonSince = async (bot: BotProcess, before: number): Promise<string> => {
    for (let attempt = 0; attempt < 200 && rejections(bot).length <= before; attempt += 1) await new Promise((resolve) => setTimeout(resolve, 25));
    const latest = rejections(bot).slice(before);
    expect(latest).toHaveLength(1);
    return String(latest[0]!['reason']);
  };

  /** The key-set errors logged after the first `before`; the log reaches the test a little after the answer. */
  const loggedSince = async (bot: BotProcess, before: number): Promise<Record<string, unknown>[]> => {
    for (let attempt = 0; attempt < 200 && keySetErrors(bot).length <= before; attempt += 1) await new Promise((resolve) => setTimeout(resolve, 25));
    return keySetErrors(bot).slice(before);
  };

  const expectTryAgain = (answer: { status: number; retryAfter: string | null; body: unknown }): void => {
    expect(answer.status).toBe(503);
    expect(Number(answer.retryAfter)).toBeGreaterThan(0);
    expect(answer.body).toEqual({ error: { code: 'KeySetUnavailable', message: 'The bot cannot check requests right now. Please try again.' } });
  };

  it('answers 503 with Retry-After for each way the fetch fails, then accepts the same activity once it recovers', async () => {
    const issuer = await startChannelIssuer();
    const bot = await startAgainst(issuer);
    try {
      const activity = helpActivity('delivered-during-outage');
      const faults: Array<[IssuerFault, RegExp]> = [
        [{ kind: 'dropConnection', on: 'metadata' }, /FetchError/],
        [{ kind: 'status', status: 503, on: 'metadata' }, /openID config: 503|OpenID metadata: HTTP 503/],
        [{ kind: 'status', status: 500, on: 'keys' }, /Keys: 500|key set: HTTP 500/],
        [{ kind: 'dropConnection', on: 'keys' }, /FetchError/],
        [{ kind: 'notJson', on: 'metadata' }, /FetchError/],
        [{ kind: 'noJwksUri' }, /OpenID metadata: malformed \(jwks_uri\)/],
      ];
      for (const [fault, cause] of faults) {
        issuer.setFault(fault);
        const before = keySetErrors(bot).length;
        expectTryAgain(await post(bot, activity, `Bearer ${await token(issuer)}`));
        const logged = await loggedSince(bot, before);
        expect(logged).toHaveLength(1);
        expect(`${String(logged[0]!['cause'])} ${String(logged[0]!['reason'])}`).toMatch(cause);
      }
      expect(connector.sent()).toHaveLength(0);

      // A request without a token is still the sender's mistake, outage or not.
      expect((await post(bot, activity)).status).toBe(401);

      // The key set is back: Teams' next delivery of the same activity is accepted, and answered once.
      issuer.setFault(undefined);
      expect((await post(bot, activity, `Bearer ${await token(issuer)}`)).status).toBe(200);
      const sent = await connector.waitForSent(1);
      expect(sent).toHaveLength(1);
      expect(sent[0]!.activityId).toBe('delivered-during-outage');

      // And a bad token is a bad token again.
      expect((await post(bot, helpActivity('forged'), `Bearer ${garbledSignature(await token(issuer))}`)).status).toBe(401);
      expect(connector.sent()).toHaveLength(1);
    } finally {
      await bot.stop();
      await issuer.close();
    }
  });

  it('refuses with 401 a token invalid on its face while the key set is down; only a well-formed token may get 503', async () => {
    const issuer = await startChannelIssuer();
    issuer.setFault({ kind: 'status', status: 503, on: 'metadata' });
    const bot = await startAgainst(issuer);
    try {
      const activity = helpActivity('during-outage');
      const claims = { audience: sandbox.clientId, serviceUrl: connector.serviceUrl };
      const rejected: Array<[string, string, RegExp]> = [
        ['alg none', `Bearer ${unsignedToken(issuer.teamsKey.kid, claims)}`, /algorithm "none"/],
        ['HS256 keyed with the public key', `Bearer ${await publicKeyHmacToken(issuer.teamsKey, claims)}`, /algorithm "HS256"/],
        ['not a JWT', NOT_A_JWT, /not a JWT/],
        ['expired an hour ago', `Bearer ${await issuer.signActivityToken({ ...claims, expiresIn: -3600 })}`, /expired/],
        ['wrong issuer', `Bearer ${await issuer.signActivityToken({ ...claims, issuer: 'https://sts.windows.net/someone-else/' })}`, /wrong issuer/],
        ['wrong audience', `Bearer ${await issuer.signActivityToken({ ...claims, audience: 'another-bot' })}`, /wrong audience/],
      ];
      for (const [name, authorization, reason] of rejected) {
        const before = rejections(bot).length;
        const answer = await post(bot, activity, authorization);
        expect([name, answer.status, answer.retryAfter]).toEqual([name, 401, null]);
        expect(answer.body).toEqual({ error: { code: 'Unauthorized', message: 'The request is not authorized.' } });
        expect(await rejectionReasonSince(bot, before)).toMatch(reason);
      }
      expect(keySetErrors(bot)).toHaveLength(0);

      // Well formed, its key unknown until the key set can be read: that is ours to retry.
      expectTryAgain(await post(bot, activity, `Bearer ${await token(issuer)}`));
      expectTryAgain(await post(bot, activity, `Bearer ${garbledSignature(await token(issuer))}`));
      expect(connector.sent()).toHaveLength(0);
    } finally {
      await bot.stop();
      await issuer.close();
    }
  });

  it('answers 503 when the metadata server takes the request and never answers, then recovers', async () => {
    const issuer = await startChannelIssuer();
    issuer.setFault({ kind: 'hang', on: 'metadata' });
    const bot = await startAgainst(issuer);
    try {
      const activity = helpActivity('while-the-key-server-hangs');
      expectTryAgain(await post(bot, activity, `Bearer ${await token(issuer)}`));
      const [logged] = await loggedSince(bot, 0);
      expect(String(logged!['cause'])).toMatch(/did not answer in time/);
      expect(connector.sent()).toHaveLength(0);

      issuer.setFault(undefined);
      expect((await post(bot, activity, `Bearer ${await token(issuer)}`)).status).toBe(200);
      const sent = await connector.waitForSent(1);
      expect(sent).toHaveLength(1);
      expect(sent[0]!.activityId).toBe('while-the-key-server-hangs');
    } finally {
      await bot.stop();
      await issuer.close();
    }
  });

  it('answers 503 for a key set served with no keys, which the SDK reports only as an unknown signing key', async () => {
    const issuer = await startChannelIssuer();
    issuer.setFault({ kind: 'noKeys' });
    const bot = await startAgainst(issuer);
    try {
      expectTryAgain(await post(bot, helpActivity('no-keys'), `Bearer ${await token(issuer)}`));
      const [logged] = await loggedSince(bot, 0);
      expect(String(logged!['cause'])).toMatch(/key set: malformed \(keys\)/);
      expect(String(logged!['reason'])).toMatch(/Signing Key could not be retrieved/);
      expect(connector.sent()).toHaveLength(0);
    } finally {
      await bot.stop();
      await issuer.close();
    }
  });
});
