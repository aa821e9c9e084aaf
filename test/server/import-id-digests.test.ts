import { describe, expect, it } from 'vitest';
import { IdDigests } from '../../server/src/features/transfer/idDigests.js';

describe('IdDigests (the import duplicate-id check)', () => {
  it('answers "maybe seen" for every repeat and never for a million distinct relationship ids', () => {
    const digests = new IdDigests();
    const id = (i: number) => `actor-${String(i % 50_000).padStart(6, '0')}|OPERATES_IN|region-country-${Math.floor(i / 50_000)}`;
    let maybes = 0;
    for (let i = 0; i < 1_000_000; i++) if (digests.add(id(i))) maybes++;
    expect(maybes).toBe(0);
    expect(digests.size).toBe(1_000_000);
    // At most half full, 8 bytes a slot: 16–32 bytes per id.
    expect(digests.bytes / digests.size).toBeLessThanOrEqual(32);
    for (const i of [0, 1, 49_999, 50_000, 999_999]) expect(digests.add(id(i))).toBe(true);
    expect(digests.add('actor-000000|OPERATES_IN|region-country-20')).toBe(false);
    expect(digests.size).toBe(1_000_001);
  });

  it('tells apart ids that differ in one character, in length, or only in a character above 0xff', () => {
    const digests = new IdDigests();
    expect(digests.add('a|FUNDS|b')).toBe(false);
    expect(digests.add('a|FUNDS|c')).toBe(false);
    expect(digests.add('a|FUNDS|b ')).toBe(false);
    expect(digests.add('')).toBe(false);
    expect(digests.add('ä')).toBe(false);
    expect(digests.add('ā')).toBe(false);
    expect(digests.add('a|FUNDS|b')).toBe(true);
    expect(digests.add('')).toBe(true);
  });
});
