import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { CredentialCache } from '../../server/src/features/auth/credentialCache.js';
import type { Identity } from '../../server/src/http/caller.js';

const viewer = (clearance: Identity['clearance']): Identity => ({ userId: 'u1', role: 'viewer', clearance });

/** A load whose answers the test hands out one by one, counting the reads. */
function controlledLoad() {
  const waiting: Array<(value: { identity: Identity } | undefined) => void> = [];
  const load = vi.fn(() => new Promise<{ identity: Identity } | undefined>((resolve) => waiting.push(resolve)));
  const answer = async (value: { identity: Identity } | undefined) => {
    waiting.shift()?.(value);
    await new Promise((resolve) => setImmediate(resolve));
  };
  return { load, answer };
}

/** A cache holding 'k' for a RED viewer, read at time 0 by the load it returns. */
async function cachedRed() {
  const cache = new CredentialCache(1000);
  const { load, answer } = controlledLoad();
  const first = cache.get('k', load);
  await answer({ identity: viewer('RED') });
  await first;
  return { cache, load, answer };
}

describe('CredentialCache', () => {
  beforeEach(() => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(0);
  });
  afterEach(() => vi.useRealTimers());

  it('lets requests that miss at the same moment share one read', async () => {
    const cache = new CredentialCache(1000);
    const { load, answer } = controlledLoad();
    const both = Promise.all([cache.get('k', load), cache.get('k', load)]);
    await answer({ identity: viewer('RED') });
    expect(await both).toEqual([viewer('RED'), viewer('RED')]);
    expect(load).toHaveBeenCalledTimes(1);
  });

  it('reads again in the background past half its life, answering from the entry meanwhile', async () => {
    const { cache, load, answer } = await cachedRed();
    vi.setSystemTime(400);
    expect(await cache.get('k', load)).toEqual(viewer('RED'));
    expect(load).toHaveBeenCalledTimes(1);
    vi.setSystemTime(600);
    expect(await cache.get('k', load)).toEqual(viewer('RED')); // answered at once, one read started
    expect(await cache.get('k', load)).toEqual(viewer('RED'));
    expect(load).toHaveBeenCalledTimes(2);
    await answer({ identity: viewer('GREEN') }); // the account was lowered meanwhile
    expect(await cache.get('k', load)).toEqual(viewer('GREEN'));
  });

  it('never trusts an entry longer than the time to live after its read began', async () => {
    const cache = new CredentialCache(1000);
    const { load, answer } = controlledLoad();
    const first = cache.get('k', load);
    vi.setSystemTime(300); // the read took 300 ms
    await answer({ identity: viewer('RED') });
    await first;
    vi.setSystemTime(1000);
    const late = cache.get('k', load);
    expect(load).toHaveBeenCalledTimes(2);
    await answer(undefined); // logged out in another process
    expect(await late).toBeUndefined();
  });

  it('drops the entry when a background read refuses the credential; a failed one leaves it to its end', async () => {
    const { cache, load, answer } = await cachedRed();
    vi.setSystemTime(600);
    await cache.get('k', load);
    await answer(undefined);
    const next = cache.get('k', load);
    expect(load).toHaveBeenCalledTimes(3);
    await answer(undefined);
    expect(await next).toBeUndefined();

    const failing = vi.fn(async () => {
      throw new Error('database unavailable');
    });
    vi.setSystemTime(2000);
    expect(await cache.get('j', async () => ({ identity: viewer('RED') }))).toEqual(viewer('RED'));
    vi.setSystemTime(2600);
    expect(await cache.get('j', failing)).toEqual(viewer('RED')); // answered from the entry; the read fails
    await new Promise((resolve) => setImmediate(resolve));
    vi.setSystemTime(2900);
    expect(await cache.get('j', failing)).toEqual(viewer('RED')); // still within its life
    expect(failing).toHaveBeenCalledTimes(2);
    vi.setSystemTime(3000);
    await expect(cache.get('j', failing)).rejects.toThrow('database unavailable');
  });

  it('does not keep what a read that began before a logout answered', async () => {
    const cache = new CredentialCache(1000);
    const { load, answer } = controlledLoad();
    const before = cache.get('k', load);
    cache.forget('k'); // logout while the read is in flight
    const after = cache.get('k', load);
    expect(load).toHaveBeenCalledTimes(2);
    await answer({ identity: viewer('RED') });
    await answer(undefined);
    expect(await before).toEqual(viewer('RED'));
    expect(await after).toBeUndefined();
    const again = cache.get('k', load);
    expect(load).toHaveBeenCalledTimes(3);
    await answer(undefined);
    expect(await again).toBeUndefined();
  });
});
