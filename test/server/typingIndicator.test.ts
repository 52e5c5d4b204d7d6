import pino from 'pino';
import { Activity, ActivityTypes, TestAdapter, TurnContext } from 'botbuilder';
import { TypingIndicator } from '../../src/server/typingIndicator';

const slowEcho = (ms: number) => async (context: TurnContext) => {
  await new Promise((resolve) => setTimeout(resolve, ms));
  await context.sendActivity(`done: ${context.activity.text ?? ''}`);
};

describe('TypingIndicator', () => {
  it('shows typing, again and again, while a message turn is slow, and not for quick ones', async () => {
    // The turn lasts until two typing indicators went out: no timing assumptions.
    const adapter: TestAdapter = new TestAdapter(async (context) => {
      for (let i = 0; i < 500 && adapter.activeQueue.filter((activity) => activity.type === ActivityTypes.Typing).length < 2; i += 1) {
        await new Promise((resolve) => setTimeout(resolve, 5));
      }
      await context.sendActivity('done: slow');
    }).use(new TypingIndicator(pino({ level: 'silent' }), 10, 20));
    await adapter.processActivity({ type: ActivityTypes.Message, text: 'slow' });
    const replies = adapter.activeQueue.map((activity) => activity.type === ActivityTypes.Typing ? 'typing' : activity.text);
    expect(replies.length).toBeGreaterThanOrEqual(3);
    expect(replies.slice(0, 2)).toEqual(['typing', 'typing']);
    expect(replies[replies.length - 1]).toBe('done: slow');
    // Nothing after the turn ended.
    await new Promise((resolve) => setTimeout(resolve, 60));
    expect(adapter.activeQueue).toHaveLength(replies.length);
    const quick = new TestAdapter(slowEcho(0)).use(new TypingIndicator(pino({ level: 'silent' }), 5_000, 5_000));
    await quick.send('quick').assertReply('done: quick');
  });

  it('keeps all turns together within its budget: over it, an indicator is skipped', async () => {
    const adapter = new TestAdapter(slowEcho(80)).use(new TypingIndicator(pino({ level: 'silent' }), 5, 10, { perSecond: 0.001, burst: 2 }));
    await Promise.all([1, 2, 3, 4, 5].map((n) => adapter.processActivity({ type: ActivityTypes.Message, text: `slow ${n}` })));
    const kinds = adapter.activeQueue.map((activity) => activity.type);
    expect(kinds.filter((kind) => kind === ActivityTypes.Typing)).toHaveLength(2);
    expect(kinds.filter((kind) => kind === ActivityTypes.Message)).toHaveLength(5);
  });

  it('never turns a failed typing send into a turn error', async () => {
    const adapter = new TestAdapter(slowEcho(40)).use(new TypingIndicator(pino({ level: 'silent' }), 5, 1_000));
    const original = adapter.sendActivities.bind(adapter);
    adapter.sendActivities = async (context: TurnContext, activities: Partial<Activity>[]) => {
      if (activities.some((activity) => activity.type === ActivityTypes.Typing)) throw new Error('connector unavailable');
      return original(context, activities);
    };
    const turnErrors: Error[] = [];
    adapter.onTurnError = async (_context, error) => {
      turnErrors.push(error);
    };
    await adapter.send('hello').assertReply('done: hello');
    expect(turnErrors).toEqual([]);
  });
});
