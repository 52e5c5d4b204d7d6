import { MemoryStateStore } from '../../src/state/memoryStateStore';

describe('MemoryStateStore', () => {
  it('creates once, replaces only with the current etag, and deletes', async () => {
    const store = new MemoryStateStore();
    expect(await store.create('k', { n: 1 })).toBe(true);
    expect(await store.create('k', { n: 2 })).toBe(false);
    const first = await store.get<{ n: number }>('k');
    expect(first?.value).toEqual({ n: 1 });
    expect(await store.replace('k', { n: 3 }, first!.etag)).toBe(true);
    expect(await store.replace('k', { n: 4 }, first!.etag)).toBe(false);
    expect((await store.get<{ n: number }>('k'))?.value).toEqual({ n: 3 });
    await store.delete('k');
    expect(await store.get('k')).toBeUndefined();
    expect(await store.replace('k', { n: 5 }, first!.etag)).toBe(false);
  });

  it('hands out copies, so callers cannot change what is stored', async () => {
    const store = new MemoryStateStore();
    await store.create('k', { list: [1] });
    const item = await store.get<{ list: number[] }>('k');
    item!.value.list.push(2);
    expect((await store.get<{ list: number[] }>('k'))?.value.list).toEqual([1]);
  });

  it('forgets items after their time to live, and sweeps them out', async () => {
    let now = 0;
    const store = new MemoryStateStore({ ttlMs: 1_000, now: () => now });
    await store.create('old', 1);
    now = 500;
    await store.create('young', 2);
    now = 1_200;
    expect(await store.get('old')).toBeUndefined();
    expect(await store.create('old', 3)).toBe(true);
    now = 70_000;
    await store.create('trigger', 4);
    expect(store.size).toBe(1);
  });

  it('sweeps at least once per lifetime when the lifetime is shorter than a minute', async () => {
    let now = 0;
    const store = new MemoryStateStore({ ttlMs: 1_000, now: () => now });
    await store.create('a', 1);
    await store.create('b', 2);
    now = 1_500;
    await store.create('c', 3);
    expect(store.size).toBe(1);
  });
});
