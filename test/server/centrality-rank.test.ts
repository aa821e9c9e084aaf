import { describe, expect, it } from 'vitest';
import { rank } from '../../server/src/features/centrality/service.js';

describe('rank with a limit', () => {
  it('is the first rows of the full ranking, ties at the boundary included and ranked alike', () => {
    const values = new Map<string, number>();
    // Values that tie to 10 significant digits without being equal, many ties at every level.
    for (let i = 0; i < 2_000; i++) values.set(`n-${(i * 7919) % 2_000}`, ((i % 37) + 1) / 1e4 + (i % 3) * 1e-16);
    const full = rank(values);
    for (const limit of [1, 5, 54, 55, 56, 1_999, 2_000, 5_000]) expect(rank(values, limit)).toEqual(full.slice(0, limit));
  });

  it('ranks without a floor when a value is not a number', () => {
    const values = new Map([
      ['a', 0.5],
      ['b', Number.NaN],
      ['c', 0.25],
    ]);
    expect(rank(values, 1)).toEqual(rank(values).slice(0, 1));
  });
});
