import pino from 'pino';
import { createCardRenderer } from '../../src/cards';
import type { ChatResult } from '../../src/chats/chatResult';
import { type ResultCardPlace, placeDecidedLater, resultCardChannel } from '../../src/bot/resultCardChannel';
import { cardText } from '../support/botOnSandbox';

const cards = createCardRenderer();
const logger = pino({ level: 'silent' });
const NOTE = "I couldn't post the opening message in the chat: Teams didn't deliver it.";
const RESULT: ChatResult = { chatId: '19:x@thread.v2', chatType: 'group', topic: 'Launch', members: [{ displayName: 'Alex Wilber', address: 'alexw@example.com', note: 'You' }], openUrl: 'https://teams.microsoft.com/l/chat/x', notes: [NOTE] };
const tell = (place: ResultCardPlace) => resultCardChannel(Promise.resolve(place), cards, logger).tellLater({ result: RESULT, note: NOTE });

describe('telling the requester of a kickoff that failed after their result card', () => {
  it('updates the result card, with the note, and says nothing more', async () => {
    const updated: unknown[] = [];
    const said: string[] = [];
    await tell({ update: async (card) => void updated.push(card), say: async (text) => void said.push(text) });
    expect(updated).toHaveLength(1);
    expect(cardText(updated[0])).toContain(NOTE);
    expect(cardText(updated[0])).toContain('Launch');
    expect(said).toEqual([]);
  });

  it('says the note when the card cannot be updated, or when there is no card to update', async () => {
    const said: string[] = [];
    await tell({ update: async () => { throw new Error('412 from the Bot Connector'); }, say: async (text) => void said.push(text) });
    await tell({ say: async (text) => void said.push(text) });
    expect(said).toEqual([NOTE, NOTE]);
  });

  it('never rejects when nobody can be told', async () => {
    await expect(tell({ update: async () => { throw new Error('gone'); }, say: async () => { throw new Error('gone too'); } })).resolves.toBeUndefined();
    await expect(tell({})).resolves.toBeUndefined();
  });

  it('tells nothing before the route has decided where the answer went, then tells it there (the first decision wins)', async () => {
    const later = placeDecidedLater();
    const said: string[] = [];
    const told = resultCardChannel(later.place, cards, logger).tellLater({ result: RESULT, note: NOTE });
    await new Promise((resolve) => setImmediate(resolve));
    expect(said).toEqual([]);
    later.decide({ say: async (text) => void said.push(`first: ${text}`) });
    later.decide({ say: async (text) => void said.push(`second: ${text}`) });
    await told;
    expect(said).toEqual([`first: ${NOTE}`]);
  });
});
