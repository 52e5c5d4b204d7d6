import { realSleep } from '../../src/graph/sleep';

describe('realSleep', () => {
  it('waits, and stops early when its signal aborts', async () => {
    await expect(realSleep(1)).resolves.toBeUndefined();
    const controller = new AbortController();
    const sleeping = realSleep(60_000, controller.signal);
    controller.abort(new Error('turn cancelled'));
    await expect(sleeping).rejects.toThrow('turn cancelled');
    await expect(realSleep(10, controller.signal)).rejects.toThrow('turn cancelled');
  });
});
