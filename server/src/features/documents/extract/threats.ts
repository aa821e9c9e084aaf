import type { Occurrence } from './entities.js';
import type { Gazetteer, NamedEntry } from './gazetteer.js';
import { fold, type Span, words } from './text.js';

const STOP = new Set(['of', 'to', 'the', 'and', 'in', 'on', 'for', 'a', 'an', 'from', 'by', 'with']);

/** A light stem, so "restricted" meets "restriction" and "crises" meets "crisis". */
export function stem(word: string): string {
  let w = fold(word);
  if (w.endsWith('ises')) w = `${w.slice(0, -4)}isis`;
  for (const suffix of ['ations', 'ation', 'ions', 'ion', 'ings', 'ing', 'ed', 'es', 's']) {
    if (w.endsWith(suffix) && w.length - suffix.length >= 4) return w.slice(0, -suffix.length);
  }
  return w;
}

const contentStems = (phrase: string) =>
  words(phrase)
    .map((w) => w.text)
    .filter((w) => !STOP.has(fold(w)))
    .map(stem);

/**
 * Threats named in other words than the taxonomy's: every content word of a term (or synonym)
 * of two words or more, by stem, within a few words of each other in one sentence ("civic space
 * is increasingly being restricted" for "Restriction of civic space").
 */
export function paraphrasedThreats(sentences: Span[], gazetteer: Gazetteer, taken: Occurrence[], window = 8): Occurrence[] {
  const terms: { entry: NamedEntry; stems: string[] }[] = [];
  for (const forms of gazetteer.folded.values())
    for (const f of forms)
      if (f.entry.label === 'Threat') {
        const stems = contentStems(f.surface);
        if (stems.length >= 2) terms.push({ entry: f.entry, stems });
      }
  const found: Occurrence[] = [];
  for (const s of sentences) {
    const tokens = words(s.text, s.start).map((t) => ({ ...t, stem: stem(t.text) }));
    for (const { entry, stems } of terms) {
      if (taken.some((o) => o.entries.some((e) => e.key === entry.key)) || found.some((o) => o.entries[0]?.key === entry.key)) continue;
      for (let i = 0; i < tokens.length; i++) {
        const span = tokens.slice(i, i + window);
        if (span[0]?.stem !== stems[0] && !stems.includes(span[0]?.stem ?? '')) continue;
        if (!stems.every((st) => span.some((t) => t.stem === st))) continue;
        const last = span.filter((t) => stems.includes(t.stem)).at(-1) as (typeof span)[number];
        const start = span[0]?.start as number;
        if (taken.some((o) => o.start < last.end && start < o.end)) continue;
        found.push({
          start,
          end: last.end,
          text: s.text.slice(start - s.start, last.end - s.start),
          entries: [entry],
          how: 'close-spelling',
          distance: 1,
        });
        break;
      }
    }
  }
  return found;
}
