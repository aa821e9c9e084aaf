import { describe, expect, it } from 'vitest';
import { FlightLru } from '../../server/src/features/planner/lru.js';

const value = (v: string) => () => Promise.resolve(v);

describe('FlightLru', () => {
  it('keeps the newest maxEntries values and shares a computation in flight', async () => {
    const lru = new FlightLru<string>(2);
    let runs = 0;
    const slow = () => {
      runs += 1;
      return new Promise<string>((resolve) => setTimeout(() => resolve('a'), 10));
    };
    const [first, second] = await Promise.all([lru.get('a', slow), lru.get('a', slow)]);
    expect([first, second, runs]).toEqual(['a', 'a', 1]);
    await lru.get('b', value('b'));
    await lru.get('c', value('c'));
    expect([lru.peek('a'), lru.peek('b'), lru.peek('c')]).toEqual([undefined, 'b', 'c']);
  });

  it('keeps only the newest value while the cache says it is crowded (the heap is short)', async () => {
    let crowded = false;
    const lru = new FlightLru<string>(
      2,
      () => true,
      () => crowded,
    );
    await lru.get('a', value('a'));
    await lru.get('b', value('b'));
    expect(lru.size).toBe(2);
    crowded = true;
    await lru.get('c', value('c'));
    expect([lru.size, lru.peek('b'), lru.peek('c')]).toEqual([1, undefined, 'c']);
  });

  it('does not keep a value computed for a key no longer current, nor a failed one', async () => {
    const lru = new FlightLru<string>(2, (key) => key !== 'old');
    expect(await lru.get('old', value('x'))).toBe('x');
    await expect(lru.get('bad', () => Promise.reject(new Error('no')))).rejects.toThrow('no');
    expect([lru.size, lru.knows('old'), lru.knows('bad')]).toEqual([0, false, false]);
  });
});
