import { ChatResult } from '../../src/chats/chatResult';
import { RequestLedger } from '../../src/chats/requestLedger';
import { readKickoffConfig } from '../../src/config/kickoffConfig';
import { loadConfig } from '../../src/config/loadConfig';
import { ConfigError } from '../../src/errors';
import { kickoffNote } from '../../src/kickoff/kickoffNotes';
import type { KickoffProblem } from '../../src/kickoff/kickoffTypes';
import { StartedChats } from '../../src/kickoff/startedChats';
import { MemoryStateStore } from '../../src/state/memoryStateStore';
import { MINIMAL_ENV, configFailure } from '../support/configFailure';

const RESULT: ChatResult = { chatId: '19:x@thread.v2', chatType: 'group', topic: 'T', members: [], openUrl: 'https://teams.microsoft.com/l/chat/x', notes: [] };

describe('the kickoff state in the request ledger', () => {
  it("records 'sending' before the send, keeps the owner for the outcome, and then no other turn can claim the request", async () => {
    const ledger = new RequestLedger(new MemoryStateStore());
    const claim = await ledger.claim('k');
    if (claim.kind !== 'claimed') throw new Error('expected a claim');
    await ledger.markPosting('k', claim.owner, false);
    expect(await ledger.complete('k', claim.owner, RESULT, 'sending')).toBe(true);
    // A redelivered turn (or a second instance) finds the request done: it replays, it never sends.
    expect(await ledger.claim('k')).toEqual({ kind: 'existing', entry: expect.objectContaining({ state: 'done', kickoff: 'sending' }) });
    expect(await ledger.complete('k', 'someone-else', RESULT, 'posted')).toBe(false);
    expect(await ledger.complete('k', claim.owner, { ...RESULT, notes: ['n'] }, 'posted')).toBe(true);
    const entry = await ledger.get('k');
    expect(entry).toEqual(expect.objectContaining({ state: 'done', kickoff: 'posted', result: expect.objectContaining({ notes: ['n'] }) }));
    expect(entry).not.toHaveProperty('owner');
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

