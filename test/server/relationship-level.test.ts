// The level a relationship is visible at (entities/repository.ts): the highest of its own and its
// ends', and no level at all when one of them is not a level (an import's 'STAGED'), so the
// entities API never reads an unpublished relationship as visible even if a query forgot to skip it.
import { describe, expect, it } from 'vitest';
import { highestLevel } from '../../server/src/features/audit/record.js';
import { relationshipLevel } from '../../server/src/features/entities/repository.js';

describe('relationshipLevel', () => {
  it('is the highest of the relationship and its two ends (absent: CLEAR)', () => {
    expect(relationshipLevel('CLEAR', ['CLEAR', 'RED'])).toBe('RED');
    expect(relationshipLevel('AMBER', ['GREEN', 'CLEAR'])).toBe('AMBER');
    expect(relationshipLevel(undefined, [null, 'GREEN'])).toBe('GREEN');
    expect(relationshipLevel(null, [undefined, undefined])).toBe('CLEAR');
  });

  it("is none when the relationship or an end is at no level (an import's STAGED), where highestLevel alone says CLEAR", () => {
    expect(highestLevel('CLEAR', 'STAGED', 'CLEAR')).toBe('CLEAR');
    expect(relationshipLevel('CLEAR', ['STAGED', 'CLEAR'])).toBeNull();
    expect(relationshipLevel('STAGED', ['CLEAR', 'CLEAR'])).toBeNull();
    expect(relationshipLevel('RED', ['RED', 'anything'])).toBeNull();
  });
});
