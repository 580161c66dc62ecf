/**
 * The memory cache backend keeps values as they are: a hit hands out the stored value itself (no
 * JSON text parsed per hit), entries still expire with their TTL, and the LRU still bounds them.
 */
import { createCacheStore } from '../../src/cache/createCacheStore';
import type { CacheStore } from '../../src/cache/CacheStore';

describe('the memory cache store', () => {
  let store: CacheStore;
  afterEach(async () => {
    jest.restoreAllMocks();
    await store.close();
  });

  it('hands out the stored value itself on every hit', async () => {
    store = createCacheStore({ namespace: 'unit-memory' });
    const answer = {
      value: [
        { id: 1, title: 'alpha', tags: ['a', 'b'] },
        { id: 2, title: 'beta', tags: [] },
      ],
    };
    await store.set('posts', answer, 60);
    const first = await store.get<typeof answer>('posts');
    const second = await store.get<typeof answer>('posts');
    expect(first).toBe(answer);
    expect(second).toBe(answer);
    expect(store.backend).toBe('memory');
  });

  it('keeps strings, numbers and booleans as they were stored', async () => {
    store = createCacheStore({ namespace: 'unit-memory' });
    await store.set('query', '{ posts { title } }', 60);
    await store.set('count', 0, 60);
    await store.set('seen', true, 60);
    expect(await store.get('query')).toBe('{ posts { title } }');
    expect(await store.get('count')).toBe(0);
    expect(await store.get('seen')).toBe(true);
    expect(await store.get('missing')).toBeUndefined();
  });

  it('lets an entry expire after its TTL, and deletes on request', async () => {
    store = createCacheStore({ namespace: 'unit-memory' });
    const start = Date.now();
    const now = jest.spyOn(Date, 'now').mockReturnValue(start);
    await store.set('short', { value: 1 }, 2);
    await store.set('gone', { value: 2 }, 60);
    now.mockReturnValue(start + 1_500);
    expect(await store.get('short')).toEqual({ value: 1 });
    now.mockReturnValue(start + 2_500);
    expect(await store.get('short')).toBeUndefined();
    await store.delete('gone');
    expect(await store.get('gone')).toBeUndefined();
  });

  it('keeps at most maxEntries, the least recently used going first', async () => {
    store = createCacheStore({ namespace: 'unit-memory', maxEntries: 2 });
    await store.set('a', 1, 60);
    await store.set('b', 2, 60);
    await store.get('a');
    await store.set('c', 3, 60);
    expect(await store.get('a')).toBe(1);
    expect(await store.get('b')).toBeUndefined();
    expect(await store.get('c')).toBe(3);
  });
});
