import { answerWithinBudget } from '../../src/bot/answerWithinBudget';

describe('answerWithinBudget', () => {
  it('answers with the result when it comes in time, and never calls late', async () => {
    const late = jest.fn(async () => undefined);
    expect(await answerWithinBudget(Promise.resolve('result'), 1_000, { early: () => 'early', late, onLateError: jest.fn() })).toBe('result');
    expect(late).not.toHaveBeenCalled();
  });

  it('answers early when the work is slow, then hands over the result', async () => {
    let finish!: (value: string) => void;
    const work = new Promise<string>((resolve) => (finish = resolve));
    const lateResults: string[] = [];
    const answer = await answerWithinBudget(work, 5, { early: () => 'early', late: async (result) => void lateResults.push(result), onLateError: jest.fn() });
    expect(answer).toBe('early');
    finish('result');
    await work;
    await new Promise((resolve) => setImmediate(resolve));
    expect(lateResults).toEqual(['result']);
  });

  it('reports a failing late handler instead of leaving an unhandled rejection', async () => {
    let finish!: (value: string) => void;
    const work = new Promise<string>((resolve) => (finish = resolve));
    const errors: unknown[] = [];
    await answerWithinBudget(work, 1, {
      early: () => 'early',
      late: async () => {
        throw new Error('connector down');
      },
      onLateError: (error) => errors.push(error),
    });
    finish('result');
    await new Promise((resolve) => setTimeout(resolve, 5));
    expect(errors).toEqual([new Error('connector down')]);
  });
});
