import pino from 'pino';
import { Activity, ActivityTypes, TestAdapter, TurnContext } from 'botbuilder';
import { TypingIndicator } from '../../src/server/typingIndicator';

const slowEcho = (ms: number) => async (context: TurnContext) => {
  await new Promise((resolve) => setTimeout(resolve, ms));
  await context.sendActivity(`done: ${context.activity.text ?? ''}`);
};

describe('TypingIndicator', () => {
  it('shows typing while a message turn is slow, and not for quick ones', async () => {
    const adapter = new TestAdapter(slowEcho(60)).use(new TypingIndicator(pino({ level: 'silent' }), 10, 20));
    await adapter
      .send('slow')
      .assertReply((reply) => expect(reply.type).toBe(ActivityTypes.Typing))
      .assertReply((reply) => expect(reply.type).toBe(ActivityTypes.Typing))
      .assertReply((reply) => expect(reply.type).toBe(ActivityTypes.Typing));
    const quick = new TestAdapter(slowEcho(0)).use(new TypingIndicator(pino({ level: 'silent' }), 50, 50));
    await quick.send('quick').assertReply('done: quick');
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
