import pino from 'pino';
import { createCardRenderer } from '../../src/cards';
import type { ChatResult } from '../../src/chats/chatResult';
import type { KickoffLateNote } from '../../src/chats/startChatOutcome';
import { tellKickoffLater } from '../../src/bot/kickoffLateNotice';
import { cardText } from '../support/botOnSandbox';

const cards = createCardRenderer();
const logger = pino({ level: 'silent' });
const NOTE = "I couldn't post the opening message in the chat: Teams didn't deliver it.";
const RESULT: ChatResult = { chatId: '19:x@thread.v2', chatType: 'group', topic: 'Launch', members: [{ displayName: 'Alex Wilber', address: 'alexw@example.com', note: 'You' }], openUrl: 'https://teams.microsoft.com/l/chat/x', notes: [NOTE] };
const late = (value: KickoffLateNote | undefined) => Promise.resolve(value);

describe('telling the requester of a kickoff that failed after their result card', () => {
  it('updates the result card, with the note, and says nothing more', async () => {
    const updated: unknown[] = [];
    const said: string[] = [];
    await tellKickoffLater(late({ result: RESULT, note: NOTE }), { update: async (card) => void updated.push(card), say: async (text) => void said.push(text) }, cards, logger);
    expect(updated).toHaveLength(1);
    expect(cardText(updated[0])).toContain(NOTE);
    expect(cardText(updated[0])).toContain('Launch');
    expect(said).toEqual([]);
  });

  it('says the note when the card cannot be updated, or when there is no card to update', async () => {
    const said: string[] = [];
    await tellKickoffLater(late({ result: RESULT, note: NOTE }), { update: async () => { throw new Error('412 from the Bot Connector'); }, say: async (text) => void said.push(text) }, cards, logger);
    await tellKickoffLater(late({ result: RESULT, note: NOTE }), { say: async (text) => void said.push(text) }, cards, logger);
    expect(said).toEqual([NOTE, NOTE]);
  });

  it('does nothing when the kickoff was posted, and never rejects when nobody can be told', async () => {
    const update = jest.fn(async () => undefined);
    const say = jest.fn(async () => undefined);
    await tellKickoffLater(late(undefined), { update, say }, cards, logger);
    expect(update).not.toHaveBeenCalled();
    expect(say).not.toHaveBeenCalled();
    await expect(tellKickoffLater(late({ result: RESULT, note: NOTE }), { update: async () => { throw new Error('gone'); }, say: async () => { throw new Error('gone too'); } }, cards, logger)).resolves.toBeUndefined();
    await expect(tellKickoffLater(late({ result: RESULT, note: NOTE }), {}, cards, logger)).resolves.toBeUndefined();
  });
});
