import { describe, expect, it } from 'vitest';
import { buildTree, familyOf, relationTo } from '../../server/src/features/positioning/hierarchy.js';
import {
  combine,
  DEFAULT_WEIGHTS,
  instrumentThreatFactor,
  mandateRegionFactor,
  noisyOr,
  normalizeWeights,
  presenceFactor,
  roleWeight,
  tiesScore,
} from '../../server/src/features/positioning/scoring.js';

// world > africa > west-africa > mali; mali also in the sahel (a second parent).
const regions = buildTree([
  { id: 'world', parents: [] },
  { id: 'africa', parents: ['world'] },
  { id: 'west', parents: ['africa'] },
  { id: 'sahel', parents: ['africa'] },
  { id: 'mali', parents: ['west', 'sahel'] },
  { id: 'asia', parents: ['world'] },
]);

describe('hierarchy relations', () => {
  const west = familyOf(regions, 'west');
  it('places regions as the same, below (parts) or above (containing, with the number of levels)', () => {
    expect(relationTo(west, 'west')).toEqual({ kind: 'same' });
    expect(relationTo(west, 'mali')).toEqual({ kind: 'below', depth: 1 });
    expect(relationTo(west, 'africa')).toEqual({ kind: 'above', depth: 1 });
    expect(relationTo(west, 'world')).toEqual({ kind: 'above', depth: 2 });
    expect(relationTo(west, 'sahel')).toEqual({ kind: 'none' });
    expect(relationTo(west, 'asia')).toEqual({ kind: 'none' });
  });
  it('stops at a cycle in bad data', () => {
    const loop = buildTree([
      { id: 'a', parents: ['b'] },
      { id: 'b', parents: ['a'] },
    ]);
    expect([...familyOf(loop, 'a').above.entries()]).toEqual([
      ['a', 0],
      ['b', 1],
    ]);
  });
});

describe('scoring factors', () => {
  it('discounts presence by half per containing level and counts parts fully', () => {
    const west = familyOf(regions, 'west');
    expect(presenceFactor(relationTo(west, 'west'))).toBe(1);
    expect(presenceFactor(relationTo(west, 'mali'))).toBe(1);
    expect(presenceFactor(relationTo(west, 'africa'))).toBe(0.5);
    expect(presenceFactor(relationTo(west, 'world'))).toBe(0.25);
    expect(presenceFactor(relationTo(west, 'asia'))).toBe(0);
  });
  it('lets a mandate for a containing region cover fully and one for a part cover half', () => {
    const africa = familyOf(regions, 'africa');
    expect(mandateRegionFactor(relationTo(africa, 'world'))).toBe(1);
    expect(mandateRegionFactor(relationTo(africa, 'west'))).toBe(0.5);
    expect(mandateRegionFactor(relationTo(africa, 'asia'))).toBe(0);
  });
  it('halves an instrument targeting a broader threat', () => {
    expect(instrumentThreatFactor({ kind: 'above', depth: 1 })).toBe(0.5);
    expect(instrumentThreatFactor({ kind: 'below', depth: 1 })).toBe(1);
    expect(instrumentThreatFactor({ kind: 'none' })).toBe(0);
  });
  it('combines evidence with noisy-or and ties with halving gaps', () => {
    expect(noisyOr([])).toBe(0);
    expect(noisyOr([0.8, 0.5])).toBeCloseTo(0.9, 10);
    expect(noisyOr([1, 0.3])).toBe(1);
    expect([0, 1, 2, 3].map(tiesScore)).toEqual([0, 0.5, 0.75, 0.875]);
    expect(roleWeight('lead')).toBe(1);
    expect(roleWeight('implementer')).toBe(0.8);
    expect(roleWeight(null)).toBe(1);
  });
  it('normalizes weights to sum 1 and rejects all-zero weights', () => {
    expect(normalizeWeights(DEFAULT_WEIGHTS)).toEqual(DEFAULT_WEIGHTS);
    expect(normalizeWeights({ mandate: 1, presence: 1, instruments: 0, dataFeeds: 0, ties: 0 })).toEqual({
      mandate: 0.5,
      presence: 0.5,
      instruments: 0,
      dataFeeds: 0,
      ties: 0,
    });
    expect(() => normalizeWeights({ mandate: 0, presence: 0, instruments: 0, dataFeeds: 0, ties: 0 })).toThrow(RangeError);
  });
  it('adds the weighted parts', () => {
    const { score, contributions } = combine({ mandate: 1, presence: 0.5, instruments: 0.9, dataFeeds: 0, ties: 0.75 }, DEFAULT_WEIGHTS);
    expect(contributions.presence).toBeCloseTo(0.125, 10);
    expect(score).toBeCloseTo(0.35 + 0.125 + 0.18 + 0 + 0.075, 10);
  });
});
