import { describe, expect, it } from 'vitest';
import { toLuceneQuery } from '../../server/src/features/actors/lucene.js';

describe('toLuceneQuery', () => {
  it('matches every word as a whole word, a prefix, or with a typo when long', () => {
    expect(toLuceneQuery('wan')).toBe('(wan^3 OR wan*)');
    expect(toLuceneQuery('West  Africa')).toBe('(West^3 OR West*) AND (Africa^3 OR Africa* OR Africa~1)');
  });

  it('escapes every Lucene operator so user text is taken literally', () => {
    expect(toLuceneQuery('a+b')).toBe('(a\\+b^3 OR a\\+b*)');
    expect(toLuceneQuery('"(x')).toBe('(\\"\\(x^3 OR \\"\\(x*)');
    expect(toLuceneQuery('AND')).toBe('(and^3 OR and*)');
  });

  it('returns null when there is no word', () => {
    expect(toLuceneQuery('   ')).toBeNull();
  });
});
