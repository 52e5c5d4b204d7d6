import pino from 'pino';
import { createCardRenderer } from '../../src/cards';
import { GraphFaultError, PermissionMissingError, ProactiveSendError } from '../../src/errors';
import type { CatalogApp, ChatAppsApi } from '../../src/graph/graphTypes';
import { CatalogAppIdSource } from '../../src/kickoff/catalogAppIdSource';
import { DEFAULT_KICKOFF_RETRY, KickoffPoster } from '../../src/kickoff/kickoffPoster';
import { RosterLag } from '../../src/kickoff/rosterLag';
import type { ConversationTarget, KickoffRequest, ProactiveCardSender } from '../../src/kickoff/kickoffTypes';

const logger = pino({ level: 'silent' });
const cards = createCardRenderer();

/** Graph's catalog and installs, answering from a script of outcomes. */
class ScriptedApps implements ChatAppsApi {
  readonly calls: string[] = [];
  constructor(private readonly catalog: CatalogApp | undefined, private readonly installs: (() => 'installed' | 'alreadyInstalled')[] = []) {}
  async findCatalogApp(manifestId: string): Promise<CatalogApp | undefined> {
    this.calls.push(`find ${manifestId}`);
    return this.catalog;
  }
  async installAppInChat(chatId: string, catalogAppId: string): Promise<'installed' | 'alreadyInstalled'> {
    this.calls.push(`install ${catalogAppId} in ${chatId}`);
    const next = this.installs.shift();
    return next ? next() : 'installed';
  }
}

/** The Bot Connector, refusing as told before it takes the card. */
class ScriptedSender implements ProactiveCardSender {
  readonly sent: ConversationTarget[] = [];
  attempts = 0;
  constructor(private readonly refusals: ProactiveSendError[] = []) {}
  async sendCard(target: ConversationTarget): Promise<void> {
    this.attempts += 1;
    const refusal = this.refusals.shift();
    if (refusal) throw refusal;
    this.sent.push(target);
  }
}

const request: KickoffRequest = {
  chatId: '19:abc@thread.v2', withOtherOrganization: false, requester: { name: 'Alex Wilber', teamsUserId: '29:alex' },
  serviceUrl: 'https://smba.example/', tenantId: 't1', topic: 'Launch', people: ['Megan Bowen'], firstWords: 'Hi',
};
const notInRoster = () => new ProactiveSendError('notInRoster', 403, undefined);

/** A poster whose waits are recorded and pass at once, on a clock that moves only by them. */
function poster(apps: ChatAppsApi, sender: ProactiveCardSender, slept: number[], maxWaitMs = 20_000, rosterLag?: RosterLag): KickoffPoster {
  let clock = 0;
  return new KickoffPoster({
    apps,
    catalog: new CatalogAppIdSource({ apps, manifestAppId: 'manifest-1' }),
    sender,
    renderCard: (data) => cards.renderKickoffCard(data),
    logger,
    retry: { ...DEFAULT_KICKOFF_RETRY, maxWaitMs },
    sleep: async (ms) => {
      slept.push(ms);
      clock += ms;
    },
    now: () => clock,
    ...(rosterLag ? { rosterLag } : {}),
  });
}

describe('KickoffPoster', () => {
  it('looks the catalog id up once, installs, and posts to the chat through the requester\'s service URL', async () => {
    const apps = new ScriptedApps({ id: 'catalog-1', externalId: 'manifest-1' });
    const sender = new ScriptedSender();
    const kickoff = poster(apps, sender, []);
    expect(await kickoff.post(request)).toEqual({ kind: 'posted' });
    expect(await kickoff.post({ ...request, chatId: '19:def@thread.v2' })).toEqual({ kind: 'posted' });
    expect(apps.calls).toEqual(['find manifest-1', 'install catalog-1 in 19:abc@thread.v2', 'install catalog-1 in 19:def@thread.v2']);
    expect(sender.sent[0]).toEqual({ serviceUrl: 'https://smba.example/', conversationId: '19:abc@thread.v2', tenantId: 't1' });
  });

  it('an existing installation is fine', async () => {
    const sender = new ScriptedSender();
    expect(await poster(new ScriptedApps({ id: 'c', externalId: 'm' }, [() => 'alreadyInstalled']), sender, []).post(request)).toEqual({ kind: 'posted' });
    expect(sender.sent).toHaveLength(1);
  });

  it('waits out BotNotInConversationRoster in short steps that never exceed half a second, so the card lands within that of the bot being let in', async () => {
    const apps = new ScriptedApps({ id: 'c', externalId: 'm' });
    const sender = new ScriptedSender([notInRoster(), notInRoster(), notInRoster(), notInRoster()]);
    const slept: number[] = [];
    expect(await poster(apps, sender, slept).post(request)).toEqual({ kind: 'posted' });
    expect(slept).toEqual([250, 500, 500, 500]);
    // A delay of seconds is normal: no second install for it (in a burst it would double the install queue).
    expect(apps.calls.filter((call) => call.startsWith('install'))).toHaveLength(1);
    expect(sender.attempts).toBe(5);
  });

  it('installs again, once, when still refused six seconds after the install (Teams may have lost the roster update)', async () => {
    const apps = new ScriptedApps({ id: 'c', externalId: 'm' });
    const sender = new ScriptedSender(Array.from({ length: 14 }, notInRoster));
    const slept: number[] = [];
    expect(await poster(apps, sender, slept).post(request)).toEqual({ kind: 'posted' });
    expect(apps.calls.filter((call) => call.startsWith('install'))).toHaveLength(2);
    expect(sender.attempts).toBe(15);
    expect(slept.reduce((sum, ms) => sum + ms, 0)).toBeGreaterThanOrEqual(DEFAULT_KICKOFF_RETRY.installAgainAfterMs);
  });

  it('learns the roster delay: the next chat waits about as long before its first post, and the estimate comes down when Teams is faster', async () => {
    const lag = new RosterLag();
    const apps = new ScriptedApps({ id: 'c', externalId: 'm' });
    const slept: number[] = [];
    // The first chat is refused until 2 s after its install: posts at 0, 0.25, 0.75, 1.25, 1.75 refused, 2.25 taken.
    await poster(apps, new ScriptedSender(Array.from({ length: 5 }, notInRoster)), slept, 20_000, lag).post(request);
    expect(lag.firstWaitMs()).toBe(1_750);
    // The next waits 1.75 s, is refused once, and is taken 0.25 s later: 2 posts, not 6.
    const second = new ScriptedSender([notInRoster()]);
    slept.length = 0;
    await poster(apps, second, slept, 20_000, lag).post(request);
    expect(slept).toEqual([1_750, 250]);
    expect(second.attempts).toBe(2);
    // Let in on the first post: the estimate halves, so it follows a shorter delay down.
    await poster(apps, new ScriptedSender(), [], 20_000, lag).post(request);
    await poster(apps, new ScriptedSender(), [], 20_000, lag).post(request);
    expect(lag.firstWaitMs()).toBeLessThan(1_750);
  });

  it('gives up on the roster within its bound: not posted, never sent twice', async () => {
    const sender = new ScriptedSender(Array.from({ length: 50 }, notInRoster));
    const slept: number[] = [];
    expect(await poster(new ScriptedApps({ id: 'c', externalId: 'm' }), sender, slept, 5_000).post(request)).toEqual({ kind: 'notPosted', problem: 'notDelivered' });
    expect(slept.reduce((sum, ms) => sum + ms, 0)).toBeLessThanOrEqual(5_000);
    expect(sender.sent).toEqual([]);
  });

  it('waits as long as Retry-After says on a 429', async () => {
    const slept: number[] = [];
    const sender = new ScriptedSender([new ProactiveSendError('throttled', 429, 3)]);
    expect(await poster(new ScriptedApps({ id: 'c', externalId: 'm' }), sender, slept).post(request)).toEqual({ kind: 'posted' });
    expect(slept).toEqual([3_000]);
  });

  it('never repeats a send that failed otherwise (it may have been delivered)', async () => {
    const sender = new ScriptedSender([new ProactiveSendError('failed', 502, undefined)]);
    expect(await poster(new ScriptedApps({ id: 'c', externalId: 'm' }), sender, []).post(request)).toEqual({ kind: 'notPosted', problem: 'notDelivered' });
    expect(sender.attempts).toBe(1);
  });

  it('turns each refusal before the send into its problem, sending nothing', async () => {
    const failing = (error: Error): ChatAppsApi => ({
      findCatalogApp: async () => ({ id: 'c', externalId: 'm' }),
      installAppInChat: async () => {
        throw error;
      },
    });
    const cases: [ChatAppsApi, object][] = [
      [new ScriptedApps(undefined), { kind: 'notPosted', problem: 'catalogAppMissing' }],
      [failing(new PermissionMissingError('TeamsAppInstallation.ReadWriteSelfForChat.All', 'r1')), { kind: 'notPosted', problem: 'permissionMissing', permission: 'TeamsAppInstallation.ReadWriteSelfForChat.All' }],
      [failing(new GraphFaultError('Graph answered 400', 400, 'BadRequest', 'r2')), { kind: 'notPosted', problem: 'installRefused' }],
      [failing(new GraphFaultError('Graph answered 404', 404, 'NotFound', 'r3')), { kind: 'notPosted', problem: 'catalogAppMissing' }],
    ];
    for (const [apps, outcome] of cases) {
      const sender = new ScriptedSender();
      expect(await poster(apps, sender, []).post(request)).toEqual(outcome);
      expect(sender.attempts).toBe(0);
    }
    const sender = new ScriptedSender();
    expect(await poster(new ScriptedApps({ id: 'c', externalId: 'm' }), sender, []).post({ ...request, withOtherOrganization: true })).toEqual({ kind: 'notPosted', problem: 'externalOneOnOne' });
    expect(sender.attempts).toBe(0);
  });
});

describe('CatalogAppIdSource', () => {
  it('uses the configured catalog id without asking Graph', async () => {
    const apps = new ScriptedApps({ id: 'looked-up', externalId: 'm' });
    expect(await new CatalogAppIdSource({ apps, manifestAppId: 'm', catalogAppId: 'configured' }).get()).toBe('configured');
    expect(apps.calls).toEqual([]);
  });

  it('shares one look-up between concurrent first requests and keeps the answer', async () => {
    const apps = new ScriptedApps({ id: 'catalog-1', externalId: 'm' });
    const source = new CatalogAppIdSource({ apps, manifestAppId: 'm' });
    expect(await Promise.all([source.get(), source.get(), source.get()])).toEqual(['catalog-1', 'catalog-1', 'catalog-1']);
    expect(await source.get()).toBe('catalog-1');
    expect(apps.calls).toEqual(['find m']);
  });

  it('does not keep a failure: the next request looks again (an admin may have uploaded the app)', async () => {
    const catalog: { app?: CatalogApp } = {};
    const calls: string[] = [];
    const apps: ChatAppsApi = {
      findCatalogApp: async (id) => {
        calls.push(id);
        return catalog.app;
      },
      installAppInChat: async () => 'installed',
    };
    const source = new CatalogAppIdSource({ apps, manifestAppId: 'm' });
    await expect(source.get()).rejects.toMatchObject({ reason: 'notInCatalog' });
    catalog.app = { id: 'uploaded', externalId: 'm' };
    expect(await source.get()).toBe('uploaded');
    expect(calls).toEqual(['m', 'm']);
    await expect(new CatalogAppIdSource({ apps }).get()).rejects.toMatchObject({ reason: 'notConfigured' });
  });
});
