import { isCardActionValue } from '../../src/bot/cardActionValue';
import { checkActivity } from '../../src/server/activitySchema';
import { VALID_ACTIVITY } from './validActivity';

/** The edge's activity check, case by case (the property test covers generated bodies). */
const valid = {
  ...VALID_ACTIVITY,
  conversation: { ...VALID_ACTIVITY.conversation, isGroup: false },
  entities: [{ type: 'mention', text: '<at>x</at>', mentioned: { id: '28:x' } }],
};

function problemsOf(body: unknown): readonly string[] {
  const checked = checkActivity(body);
  return checked.ok ? [] : checked.problems;
}

describe('the activity check', () => {
  it('accepts a Teams message and hands back the same activity, unknown fields included', () => {
    const body = { ...valid, timestamp: '2026-11-27T10:00:00Z' };
    const checked = checkActivity(body);
    expect(checked).toEqual({ ok: true, activity: body });
  });

  it.each([
    ['not an object', 'hello', '(root): invalid_type'],
    ['an array', [valid], '(root): invalid_type'],
    ['text null', { ...valid, text: null }, 'text: invalid_type'],
    ['an empty type', { ...valid, type: '' }, 'type: too_small'],
    ['a long channel id', { ...valid, channelId: 'x'.repeat(65) }, 'channelId: too_big'],
    ['a serviceUrl that is no URL', { ...valid, serviceUrl: 'smba' }, 'serviceUrl: custom'],
    ['a javascript: serviceUrl', { ...valid, serviceUrl: 'javascript:alert(1)' }, 'serviceUrl: custom'],
    ['no conversation id', { ...valid, conversation: { tenantId: 't' } }, 'conversation.id: invalid_type'],
    ['an empty conversation id', { ...valid, conversation: { id: '' } }, 'conversation.id: too_small'],
    ['isGroup as text', { ...valid, conversation: { id: 'c', isGroup: 'yes' } }, 'conversation.isGroup: invalid_type'],
    ['a tenant that is a string', { ...valid, channelData: { tenant: 't' } }, 'channelData.tenant: invalid_type'],
    ['a mention of nobody', { ...valid, entities: [{ type: 'mention', mentioned: {} }] }, 'entities.0.mentioned.id: invalid_type'],
    ['too many entities', { ...valid, entities: Array.from({ length: 1_001 }, () => ({ type: 'x' })) }, 'entities: too_big'],
    ['an attachment without a type', { ...valid, attachments: [{}] }, 'attachments.0.contentType: invalid_type'],
    ['a message value that is a list', { ...valid, value: [1] }, 'value: custom'],
    ['a card action without its action', { ...valid, type: 'invoke', name: 'adaptiveCard/action', value: { verb: 'x' } }, 'value: custom'],
  ])('refuses %s, naming the field', (_case, body, problem) => {
    expect(problemsOf(body)).toContain(problem);
  });

  it('reports at most five problems', () => {
    expect(problemsOf({ type: 1, serviceUrl: 2, channelId: 3, from: 4, conversation: 5, text: 6 })).toHaveLength(5);
  });
});

describe('a card action value', () => {
  it.each([
    [{ action: { type: 'Action.Execute', verb: 'startChat', data: { people: 'a' } } }, true],
    [{ action: { type: 'Action.Execute' } }, true],
    [{ action: { type: 'Action.Execute', data: [] } }, false],
    [{ action: { type: 'Action.Execute', verb: 7 } }, false],
    [{ action: { type: 'x'.repeat(65) } }, false],
    [{ action: { verb: 'startChat' } }, false],
    [{ action: null }, false],
    [null, false],
    ['startChat', false],
  ])('%j is %s', (value, expected) => {
    expect(isCardActionValue(value)).toBe(expected);
  });
});
