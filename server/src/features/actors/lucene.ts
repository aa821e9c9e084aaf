// Lucene's query syntax gives meaning to these characters (and to AND/OR/NOT); user text is
// escaped so every word is matched literally and a stray quote cannot break the query.
const LUCENE_SPECIAL = /[+\-&|!(){}[\]^"~*?:\\/]/g;
const OPERATORS = new Set(['AND', 'OR', 'NOT', 'TO']);

/**
 * Builds a Lucene query for suggestions: every word must match, as a whole word (boosted),
 * as a prefix, or (for longer words) with one typo.
 */
export function toLuceneQuery(text: string): string | null {
  const words = text.split(/\s+/).filter((w) => w.length > 0);
  if (words.length === 0) return null;
  return words
    .map((raw) => {
      const w = OPERATORS.has(raw) ? raw.toLowerCase() : raw.replace(LUCENE_SPECIAL, '\\$&');
      const alternatives = [`${w}^3`, `${w}*`];
      if (raw.length >= 5) alternatives.push(`${w}~1`);
      return `(${alternatives.join(' OR ')})`;
    })
    .join(' AND ');
}
