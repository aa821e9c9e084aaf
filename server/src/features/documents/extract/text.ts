/** Text helpers of the extractor. Every function keeps offsets into the original text, so a quote is always its exact words. */

export interface Span {
  start: number;
  end: number;
  text: string;
}

/**
 * Lower-cases and strips accents one character at a time, so an offset in the folded text is the
 * same offset in the original ("Panamá" matches "Panama", "Hammarskjöld" matches "Hammarskjold").
 */
export function fold(text: string): string {
  let out = '';
  for (const ch of text) {
    const base = ch.normalize('NFD')[0] ?? ch;
    const c = base === '\u2019' || base === '\u2018' ? "'" : base === '\u2013' || base === '\u2014' ? '-' : base;
    out += c.length === ch.length ? c.toLowerCase() : ch.toLowerCase();
  }
  return out;
}

// Abbreviations whose full stop does not end a sentence.
const ABBREVIATIONS =
  /(?:\b(?:e\.g|i\.e|etc|cf|vs|no|nos|art|para|paras|mr|mrs|ms|dr|st|jr|inc|ltd|co|dept|approx|fig)|\b[A-Z](?:\.[A-Z])*)\.$/i;

/** Sentences: paragraphs, list items and headings split, then full stops that end a sentence. */
export function sentences(text: string): Span[] {
  const out: Span[] = [];
  const blocks = /[^\n]+(?:\n(?![ \t]*\n)(?![ \t]*(?:[-*•]|\d+\)|[a-z]\.)\s)[^\n]+)*/g;
  for (const block of text.matchAll(blocks)) {
    let start = block.index;
    const body = block[0];
    const stops = /[.!?]["”’)]*(?=\s+["“‘(]?[A-Z0-9])/g;
    for (const stop of body.matchAll(stops)) {
      const end = block.index + stop.index + stop[0].length;
      const candidate = text.slice(start, end);
      if (ABBREVIATIONS.test(candidate.slice(0, candidate.length - stop[0].length + 1))) continue;
      push(out, text, start, end);
      start = end;
    }
    push(out, text, start, block.index + body.length);
  }
  return out;
}

function push(out: Span[], text: string, start: number, end: number): void {
  let s = start;
  let e = end;
  while (s < e && /\s/.test(text[s] as string)) s++;
  while (e > s && /\s/.test(text[e - 1] as string)) e--;
  if (e - s > 1) out.push({ start: s, end: e, text: text.slice(s, e) });
}

/** Words with their offsets (letters, digits, inner hyphens and apostrophes). */
export function words(text: string, offset = 0): Span[] {
  return [...text.matchAll(/[\p{L}\p{N}]+(?:[-'’][\p{L}\p{N}]+)*/gu)].map((m) => ({
    start: offset + m.index,
    end: offset + m.index + m[0].length,
    text: m[0],
  }));
}

/** Damerau-Levenshtein distance (optimal string alignment), stopping early past `max`. */
export function editDistance(a: string, b: string, max: number): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  let prev2: number[] = [];
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    let best = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let v = Math.min((prev[j] as number) + 1, (row[j - 1] as number) + 1, (prev[j - 1] as number) + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) v = Math.min(v, (prev2[j - 2] as number) + 1);
      row.push(v);
      best = Math.min(best, v);
    }
    if (best > max) return max + 1;
    prev2 = prev;
    prev = row;
  }
  return prev[b.length] as number;
}

export const slug = (s: string): string =>
  fold(s)
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 120) || 'x';

/** ISO dates stated in a sentence: "September 24, 2019", "24 September 2019", "19-20 September 2019", "in 2007". */
const MONTHS = ['january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december'];
const MONTH = MONTHS.join('|');

export interface StatedDate extends Span {
  iso: string;
  precision: 'day' | 'month' | 'year';
}

export function statedDates(text: string, offset = 0): StatedDate[] {
  const found: StatedDate[] = [];
  const pad = (n: number) => String(n).padStart(2, '0');
  const add = (m: RegExpMatchArray, iso: string, precision: StatedDate['precision']) =>
    found.push({ start: offset + (m.index ?? 0), end: offset + (m.index ?? 0) + m[0].length, text: m[0], iso, precision });
  const monthOf = (name: string) => MONTHS.indexOf(name.toLowerCase()) + 1;
  for (const m of text.matchAll(new RegExp(`\\b(${MONTH})\\s+(\\d{1,2}),?\\s+((?:19|20)\\d{2})\\b`, 'gi')))
    add(m, `${m[3]}-${pad(monthOf(m[1] as string))}-${pad(Number(m[2]))}`, 'day');
  for (const m of text.matchAll(new RegExp(`\\b(\\d{1,2})(?:\\s*[-–]\\s*\\d{1,2})?\\s+(${MONTH})\\s+((?:19|20)\\d{2})\\b`, 'gi')))
    add(m, `${m[3]}-${pad(monthOf(m[2] as string))}-${pad(Number(m[1]))}`, 'day');
  for (const m of text.matchAll(new RegExp(`(?<!\\d\\s)\\b(${MONTH})\\s+((?:19|20)\\d{2})\\b`, 'gi')))
    add(m, `${m[2]}-${pad(monthOf(m[1] as string))}-01`, 'month');
  for (const m of text.matchAll(/\b(?:in|since|from|began in|until|by)\s+((?:19|20)\d{2})\b(?!\s*[-–/)])/gi))
    add(m, `${m[1]}-01-01`, 'year');
  return found
    .sort((a, b) => a.start - b.start || b.end - a.end)
    .filter((d, i, all) => !all.slice(0, i).some((o) => o.start <= d.start && o.end >= d.end));
}
