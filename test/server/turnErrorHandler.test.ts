import pino from 'pino';
import { Activity, TestAdapter } from 'botbuilder';
import { createTurnErrorHandler } from '../../src/server/turnErrorHandler';

/** A bot whose every turn fails, so the adapter's last-resort handler answers. */
function failingAdapter(): TestAdapter {
  const adapter = new TestAdapter(async () => {
    throw new Error('a bug');
  });
  adapter.onTurnError = createTurnErrorHandler(pino({ level: 'silent' }));
  return adapter;
}

const from = { id: '29:me', name: 'Alex', aadObjectId: 'me' };

describe('the turn-error handler', () => {
  it('answers a failed card action in its invoke response, with the Universal Actions error body, and posts nothing in the chat', async () => {
    const adapter = failingAdapter();
    const invoke: Partial<Activity> = { type: 'invoke', name: 'adaptiveCard/action', channelId: 'msteams', from, value: { action: { type: 'Action.Execute', verb: 'x' } } };
    await adapter
      .send(invoke)
      .assertReply((reply) => {
        expect(reply.type).toBe('invokeResponse');
        expect(reply.value).toEqual({
          status: 500,
          body: { statusCode: 500, type: 'application/vnd.microsoft.error', value: { code: 'InternalError', message: expect.stringMatching(/^Sorry/) } },
        });
      })
      .assertNoReply();
  });

  it('answers any other failed invoke in its invoke response', async () => {
    const adapter = failingAdapter();
    await adapter
      .send({ type: 'invoke', name: 'composeExtension/fetchTask', channelId: 'msteams', from })
      .assertReply((reply) => {
        expect(reply.type).toBe('invokeResponse');
        expect(reply.value).toMatchObject({ status: 500, body: { code: 'InternalError' } });
      })
      .assertNoReply();
  });

  it('apologizes in the chat for a failed message turn', async () => {
    const adapter = failingAdapter();
    await adapter.send({ type: 'message', text: 'help', channelId: 'msteams', from }).assertReply((reply) => {
      expect(reply.type).toBe('message');
      expect(reply.text).toMatch(/^Sorry, something went wrong on my side/);
    });
  });
});
