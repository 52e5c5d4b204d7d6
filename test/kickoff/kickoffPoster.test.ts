import pino from 'pino';
import { createCardRenderer } from '../../src/cards';
import { GraphFaultError, PermissionMissingError, ProactiveSendError } from '../../src/errors';
import type { CatalogApp, ChatAppsApi } from '../../src/graph/graphTypes';
import { CatalogAppIdSource } from '../../src/kickoff/catalogAppIdSource';
import { KickoffPoster } from '../../src/kickoff/kickoffPoster';
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

function poster(apps: ChatAppsApi, sender: ProactiveCardSender, slept: number[], maxWaitMs = 20_000): KickoffPoster {
  return new KickoffPoster({
    apps,
    catalog: new CatalogAppIdSource({ apps, manifestAppId: 'manifest-1' }),
    sender,
    renderCard: (data) => cards.renderKickoffCard(data),
    logger,
    retry: { maxWaitMs, firstDelayMs: 500, maxDelayMs: 4_000 },
    sleep: async (ms) => {
      slept.push(ms);
    },
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

  it('waits out BotNotInConversationRoster with growing delays, installing again on the second refusal', async () => {
    const apps = new ScriptedApps({ id: 'c', externalId: 'm' });
    const sender = new ScriptedSender([notInRoster(), notInRoster(), notInRoster()]);
    const slept: number[] = [];
    expect(await poster(apps, sender, slept).post(request)).toEqual({ kind: 'posted' });
    expect(slept).toEqual([500, 1_000, 2_000]);
    expect(apps.calls.filter((call) => call.startsWith('install'))).toHaveLength(2);
    expect(sender.attempts).toBe(4);
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
