/**
 * Search relevance computed from the query and the one actor alone. Lucene's own score weighs a
 * word by how rare it is in the whole index, hidden actors included, so a visible actor's score
 * (and its rank) would move when RED actors with the same word are added; this score cannot.
 * Full-text search still finds the candidates (which only depend on each actor's own text).
 */
const FIELD_WEIGHTS = { acronym: 3, name: 2, alias: 1 } as const;
const MAX_WEIGHT = 3;

const tokens = (text: string): string[] =>
  text
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter(Boolean);

/** Levenshtein distance at most one (the Lucene query allows one typo for words of 5+ letters). */
function withinOneEdit(a: string, b: string): boolean {
  if (Math.abs(a.length - b.length) > 1) return false;
  let i = 0;
  let j = 0;
  let edits = 0;
  while (i < a.length && j < b.length) {
    if (a[i] === b[j]) {
      i++;
      j++;
      continue;
    }
    if (++edits > 1) return false;
    if (a.length > b.length) i++;
    else if (b.length > a.length) j++;
    else {
      i++;
      j++;
    }
  }
  return edits + (a.length - i) + (b.length - j) <= 1;
}

function wordMatch(word: string, token: string): number {
  if (token === word) return 1;
  if (token.startsWith(word)) return 0.6;
  return word.length >= 5 && withinOneEdit(word, token) ? 0.3 : 0;
}

export interface Searchable {
  name: string;
  acronym?: string | null;
  aliases?: string[] | null;
}

/** A score in [0, 1]: how well every query word matches the actor's acronym, name or aliases, plus a bonus for the whole text. */
export function relevance(query: string, actor: Searchable): number {
  const words = tokens(query);
  if (words.length === 0) return 0;
  const fields: [number, string[]][] = [
    [FIELD_WEIGHTS.acronym, tokens(actor.acronym ?? '')],
    [FIELD_WEIGHTS.name, tokens(actor.name)],
    ...(actor.aliases ?? []).map((a): [number, string[]] => [FIELD_WEIGHTS.alias, tokens(a)]),
  ];
  const perWord = words.map((w) => Math.max(0, ...fields.flatMap(([weight, ts]) => ts.map((t) => weight * wordMatch(w, t)))));
  const words01 = perWord.reduce((a, b) => a + b, 0) / (MAX_WEIGHT * words.length);
  const whole = query.trim().toLowerCase();
  const exact = [actor.acronym, actor.name, ...(actor.aliases ?? [])].some((v) => v?.toLowerCase() === whole) ? 1 : 0;
  return Number((0.8 * words01 + 0.2 * exact).toFixed(6));
}
