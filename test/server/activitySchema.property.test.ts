import fc from 'fast-check';
import { checkActivity } from '../../src/server/activitySchema';
import { VALID_ACTIVITY } from './validActivity';

/** Properties of the edge's activity schema over generated bodies (fast-check). */
const valid = VALID_ACTIVITY;

describe('the activity schema (properties)', () => {
  it('never throws, and whatever it accepts has the shapes the bot reads', () => {
    fc.assert(
      fc.property(fc.oneof(fc.anything(), fc.jsonValue()), (body) => {
        const checked = checkActivity(body);
        if (!checked.ok) {
          expect(checked.problems.length).toBeGreaterThan(0);
          return;
        }
        const { activity } = checked;
        expect(typeof activity.type).toBe('string');
        expect(['http:', 'https:']).toContain(new URL(activity.serviceUrl).protocol);
        expect(typeof activity.conversation.id).toBe('string');
        expect(typeof activity.from.id).toBe('string');
      }),
      { numRuns: 3_000, seed: 17 },
    );
  });

  it('refuses an activity whose field the bot reads has another shape, naming the field', () => {
    const fields = ['type', 'serviceUrl', 'channelId', 'from', 'conversation', 'text', 'entities'] as const;
    fc.assert(
      fc.property(fc.constantFrom(...fields), fc.oneof(fc.integer(), fc.boolean(), fc.constant(null), fc.array(fc.integer(), { minLength: 1 })), (field, value) => {
        const checked = checkActivity({ ...valid, [field]: value });
        expect(checked.ok).toBe(false);
        if (!checked.ok) expect(checked.problems.join(' ')).toContain(field);
      }),
      { numRuns: 300, seed: 19 },
    );
  });

  it('never repeats a value in its problems (values may be what people wrote)', () => {
    fc.assert(
      fc.property(fc.string({ minLength: 12, maxLength: 40 }).map((secret) => `SECRET-${secret}`), (secret) => {
        const checked = checkActivity({ ...valid, serviceUrl: secret, conversation: { id: 7, tenantId: secret } });
        expect(checked.ok).toBe(false);
        if (!checked.ok) expect(checked.problems.join(' ')).not.toContain('SECRET-');
      }),
      { numRuns: 100, seed: 29 },
    );
  });

  it('passes unknown fields through untouched', () => {
    fc.assert(
      fc.property(fc.dictionary(fc.string({ minLength: 1, maxLength: 10 }).map((key) => `x_${key}`), fc.jsonValue(), { maxKeys: 5 }), (extra) => {
        const checked = checkActivity({ ...valid, ...extra });
        expect(checked.ok).toBe(true);
        if (checked.ok) for (const [key, value] of Object.entries(extra)) expect((checked.activity as Record<string, unknown>)[key]).toEqual(value);
      }),
      { numRuns: 300, seed: 23 },
    );
  });
});
