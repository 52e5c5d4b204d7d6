import { ChatResult } from '../../src/chats/chatResult';
import pino from 'pino';
import { KickoffStep } from '../../src/chats/kickoffStep';
import { RequestLedger } from '../../src/chats/requestLedger';
import type { LateNews } from '../../src/chats/requesterChannel';
import { KickoffRecords } from '../../src/kickoff/kickoffRecords';
import type { StateStore } from '../../src/state/stateStore';
import type { ChatParticipant } from '../../src/directory/chatParticipant';
import type { DirectoryUser } from '../../src/directory/directoryUser';
import type { GraphChat } from '../../src/graph/graphTypes';
import { readKickoffConfig } from '../../src/config/kickoffConfig';
import { loadConfig } from '../../src/config/loadConfig';
import { ConfigError } from '../../src/errors';
import { kickoffNote } from '../../src/kickoff/kickoffNotes';
import type { ChatKickoff, KickoffOutcome, KickoffProblem, KickoffRequest } from '../../src/kickoff/kickoffTypes';
import { StartedChats } from '../../src/kickoff/startedChats';
import { MemoryStateStore } from '../../src/state/memoryStateStore';
import { MINIMAL_ENV, configFailure } from '../support/configFailure';

const RESULT: ChatResult = { chatId: '19:x@thread.v2', chatType: 'group', topic: 'T', members: [], openUrl: 'https://teams.microsoft.com/l/chat/x', notes: [] };

describe("the kickoff's own record", () => {
  it("records 'sending' before the send: only the first claim may post, a finished request is replayed by the ledger, and the outcome is kept for replays", async () => {
    const store = new MemoryStateStore();
    const ledger = new RequestLedger(store);
    const claim = await ledger.claim('k');
    if (claim.kind !== 'claimed') throw new Error('expected a claim');
    await ledger.markPosting('k', claim.owner, false);
    expect(await ledger.complete('k', claim.owner, RESULT)).toBe(true);
    // A redelivered turn (or a second instance) finds the request done: it replays, it never reaches the kickoff.
    expect(await ledger.claim('k')).toEqual({ kind: 'existing', entry: expect.objectContaining({ state: 'done' }) });
    expect(await ledger.complete('k', 'someone-else', RESULT)).toBe(false);
    expect(await ledger.get('k')).not.toHaveProperty('owner');

    const records = new KickoffRecords(store);
    expect(await records.claim('k', RESULT.chatId)).toBe(true);
    // Anyone else (a take-over that got the same one-on-one back, another instance) never sends it again.
    expect(await records.claim('k', RESULT.chatId)).toBe(false);
    expect(await new KickoffRecords(store).claim('k', RESULT.chatId)).toBe(false);
    expect(await records.outcome('k', RESULT.chatId)).toBeUndefined();
    await records.settle('k', RESULT.chatId, { kind: 'notPosted', problem: 'notDelivered' });
    expect(await records.outcome('k', RESULT.chatId)).toEqual({ kind: 'notPosted', problem: 'notDelivered' });
    expect(await records.outcome('k', '19:other@thread.v2')).toBeUndefined();
    expect(await records.claim('k', RESULT.chatId)).toBe(false);
  });

  it('gives a later request with the same key its own card: a new chat, or the same one-on-one after the repeat window', async () => {
    let now = 1_000_000;
    const records = new KickoffRecords(new MemoryStateStore(), () => now);
    expect(await records.claim('typed', '19:a@thread.v2', { reuseAfterMs: 120_000 })).toBe(true);
    now += 60_000;
    expect(await records.claim('typed', '19:a@thread.v2', { reuseAfterMs: 120_000 })).toBe(false);
    now += 61_000;
    expect(await records.claim('typed', '19:a@thread.v2', { reuseAfterMs: 120_000 })).toBe(true);
    expect(await records.claim('typed', '19:b@thread.v2', { reuseAfterMs: 120_000 })).toBe(true);
  });
});

describe('the kickoff step after the chat is recorded', () => {
  const REQUEST: KickoffRequest = {
    chatId: RESULT.chatId, withOtherOrganization: false, requester: { name: 'Alex Wilber', teamsUserId: '29:alex' },
    serviceUrl: 'https://smba.example/', tenantId: 't', topic: 'T', people: ['Megan Bowen'], firstWords: '',
  };
  function setup(outcome: KickoffOutcome, store: StateStore = new MemoryStateStore()) {
    const posted: KickoffRequest[] = [];
    const kickoff: ChatKickoff = { refuseAtOnce: () => undefined, post: async (request) => { posted.push(request); return outcome; } };
    const step = new KickoffStep({ kickoff, records: new KickoffRecords(store), logger: pino({ level: 'silent' }), homeTenantId: 't' });
    const told: LateNews[] = [];
    const work: Promise<unknown>[] = [];
    const run = { requestKey: 'k', kickoff: REQUEST, result: RESULT, tellLater: { tellLater: async (news: LateNews) => void told.push(news) }, keepAlive: (done: Promise<unknown>) => void work.push(done) };
    return { step, posted, told, work, run };
  }

  it('posts once in the background (handed to keepAlive once) and tells the requester nothing when the card is there', async () => {
    const { step, posted, told, work, run } = setup({ kind: 'posted' });
    expect(await step.start(run)).toBe(RESULT);
    expect(work).toHaveLength(1);
    await Promise.all(work);
    expect(posted).toHaveLength(1);
    expect(told).toEqual([]);
    // The same request again (a second start for it): nothing more is posted.
    expect(await step.start(run)).toBe(RESULT);
    expect(work).toHaveLength(1);
    expect(posted).toHaveLength(1);
    expect(await step.replayed('k', RESULT)).toEqual(RESULT);
  });

  it('tells the requester once, through the channel the request came with, when the card is not posted; a replay shows the note too', async () => {
    const { step, told, work, run } = setup({ kind: 'notPosted', problem: 'installRefused' });
    await step.start(run);
    await Promise.all(work);
    expect(told).toHaveLength(1);
    expect(told[0]!.note).toMatch(/Teams refused to add Chat Starter/);
    expect(told[0]!.result.notes).toContain(told[0]!.note);
    expect((await step.replayed('k', RESULT)).notes).toContain(told[0]!.note);
  });

  it('plans the card from where the request came: the mention, the Bot Connector, the tenant (the home one when none is given) and the calling system', () => {
    const { step } = setup({ kind: 'posted' });
    const created = {
      chat: { id: '19:n@thread.v2', topic: 'Incident 42' } as GraphChat,
      chatType: 'group' as const,
      requester: { id: 'alex-id', displayName: 'Alex Wilber' } as DirectoryUser,
      participants: [{ kind: 'directory', user: { id: 'megan-id', displayName: 'Megan Bowen' } } as ChatParticipant],
    };
    expect(step.plan({ requesterMri: '', serviceUrl: 'https://smba.trafficmanager.net/teams/', tenantId: undefined, askedVia: 'Contoso Monitor' }, 'Look at the graphs', created)).toEqual({
      chatId: '19:n@thread.v2', withOtherOrganization: false, requester: { name: 'Alex Wilber', teamsUserId: 'alex-id' }, serviceUrl: 'https://smba.trafficmanager.net/teams/',
      tenantId: 't', topic: 'Incident 42', people: ['Megan Bowen'], firstWords: 'Look at the graphs', askedVia: 'Contoso Monitor',
    });
    expect(step.plan({ requesterMri: '29:alex', serviceUrl: 'https://smba.example/', tenantId: 'other' }, '', created)).toMatchObject({ requester: { teamsUserId: '29:alex' }, tenantId: 'other' });
    expect(step.plan({ requesterMri: '29:alex', serviceUrl: 'https://smba.example/', tenantId: 'other' }, '', created)).not.toHaveProperty('askedVia');
  });

  it('posts nothing and says so on the result when its intent cannot be recorded', async () => {
    const store = new MemoryStateStore();
    jest.spyOn(store, 'create').mockRejectedValue(new Error('storage down'));
    const { step, posted, work, run } = setup({ kind: 'posted' }, store);
    const result = await step.start(run);
    expect(result.notes).toEqual([expect.stringMatching(/couldn't record it first/)]);
    expect(work).toHaveLength(0);
    expect(posted).toHaveLength(0);
  });
});

describe('KICKOFF, TEAMS_APP_ID, TEAMS_APP_CATALOG_ID', () => {
  const read = (env: Record<string, string>) => (name: string): string => env[name] ?? '';

  it('is on by default, off when asked, with the ids given', () => {
    expect(loadConfig(MINIMAL_ENV).kickoff).toEqual({ enabled: true });
    expect(readKickoffConfig(read({ KICKOFF: 'OFF' }))).toEqual({ enabled: false });
    expect(readKickoffConfig(read({ TEAMS_APP_ID: '00000000-0000-0000-0000-0000000000a9', TEAMS_APP_CATALOG_ID: '3f0b8d2e-91c4-4a6f-b7d5-6e2a9c1f0d84' }))).toEqual({
      enabled: true, manifestAppId: '00000000-0000-0000-0000-0000000000a9', catalogAppId: '3f0b8d2e-91c4-4a6f-b7d5-6e2a9c1f0d84',
    });
  });

  it('names the variable when a value is wrong', () => {
    expect(configFailure({ ...MINIMAL_ENV, KICKOFF: 'true' }).message).toMatch(/KICKOFF.*on or off/);
    expect(configFailure({ ...MINIMAL_ENV, TEAMS_APP_ID: "x' or 1 eq 1" }).message).toMatch(/TEAMS_APP_ID/);
    expect(() => readKickoffConfig(read({ TEAMS_APP_CATALOG_ID: 'a/b' }))).toThrow(ConfigError);
  });
});

describe('what the result card says when the kickoff was not posted', () => {
  it('says it plainly for each cause, and what an admin can do where one can', () => {
    const problems: KickoffProblem[] = ['notConfigured', 'permissionMissing', 'catalogAppMissing', 'installRefused', 'externalOneOnOne', 'notDelivered', 'notRecorded'];
    for (const problem of problems) expect(kickoffNote({ kind: 'notPosted', problem })).toMatch(/^I couldn't post the opening message in the chat: /);
    expect(kickoffNote({ kind: 'notPosted', problem: 'permissionMissing', permission: 'AppCatalog.Read.All' })).toMatch(/AppCatalog\.Read\.All\. An admin can grant it/);
    expect(kickoffNote({ kind: 'notPosted', problem: 'catalogAppMissing' })).toMatch(/An admin can upload it/);
    expect(kickoffNote({ kind: 'posted' })).toBeUndefined();
  });
});

describe('StartedChats', () => {
  it('remembers the chats the bot created (twice is fine) for every instance sharing the store', async () => {
    const store = new MemoryStateStore();
    const one = new StartedChats(store);
    await one.remember('19:a@thread.v2');
    await one.remember('19:a@thread.v2');
    const other = new StartedChats(store);
    expect(await other.has('19:a@thread.v2')).toBe(true);
    expect(await other.has('19:b@thread.v2')).toBe(false);
  });
});

