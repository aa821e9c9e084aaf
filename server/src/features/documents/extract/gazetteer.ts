import type { NodeLabel } from '@atlas/seed';
import { fold, words } from './text.js';

/** A named thing the extractor can recognise: an entity of the graph, or one this document introduces. */
export interface NamedEntry {
  /** Graph id, or `new:<Label>:<slug>` for an entity the document introduces. */
  key: string;
  label: NodeLabel;
  name: string;
  acronym?: string | undefined;
  aliases: string[];
  iso2?: string | undefined;
  kind?: string | undefined;
  /** Level of a graph entity: a proposal naming it is at least as restricted. */
  sensitivity?: string | undefined;
  /** True for a graph entity; false for one proposed from this document (or the ISO list). */
  known: boolean;
}

export interface Form {
  entry: NamedEntry;
  /** How the form is written in the entry. */
  surface: string;
  how: 'name' | 'acronym' | 'alias';
}

/**
 * Surface forms to entries. Acronyms and one-word capitalised forms ("ASEAN", "Forum") match
 * with their case, so an English word is not taken for a name; longer forms match folded
 * (case and accents ignored), and close spellings of them match by edit distance.
 */
export class Gazetteer {
  readonly exact = new Map<string, Form[]>();
  readonly folded = new Map<string, Form[]>();
  /** Folded multi-word forms by word count, for close spellings. */
  readonly byLength = new Map<number, { key: string; form: Form }[]>();
  maxWords = 1;

  constructor(entries: Iterable<NamedEntry>) {
    for (const entry of entries) this.add(entry);
  }

  add(entry: NamedEntry): void {
    this.addForm({ entry, surface: entry.name, how: 'name' });
    if (entry.acronym) this.addForm({ entry, surface: entry.acronym, how: 'acronym' });
    for (const alias of entry.aliases) this.addForm({ entry, surface: alias, how: 'alias' });
  }

  private addForm(form: Form): void {
    const tokens = words(form.surface).map((w) => w.text);
    if (tokens.length === 0) return;
    this.maxWords = Math.max(this.maxWords, tokens.length);
    const caseSensitive = tokens.length === 1 && /[A-Z]/.test(form.surface) && (form.how === 'acronym' || /^[A-Z]/.test(form.surface));
    if (caseSensitive) {
      push(this.exact, tokens.join(' '), form);
      return;
    }
    const key = fold(tokens.join(' '));
    push(this.folded, key, form);
    if (tokens.length >= 2 && key.length >= 12) {
      const list = this.byLength.get(tokens.length) ?? [];
      list.push({ key, form });
      this.byLength.set(tokens.length, list);
    }
  }
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (!list) map.set(key, [value]);
  else if (!list.some((v) => sameForm(v, value))) list.push(value);
}

const sameForm = (a: unknown, b: unknown) => (a as Form).entry.key === (b as Form).entry.key && (a as Form).surface === (b as Form).surface;

let isoNames: { iso2: string; name: string; aliases: string[] }[] | undefined;

/**
 * Country names by ISO 3166 code from the runtime's own locale data (Intl.DisplayNames): no
 * download, no list to keep. "Myanmar (Burma)" gives the name Myanmar and the alias Burma.
 */
export function isoCountries(): { iso2: string; name: string; aliases: string[] }[] {
  if (isoNames) return isoNames;
  const names = new Intl.DisplayNames(['en'], { type: 'region', fallback: 'none' });
  const letters = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';
  const found: { iso2: string; name: string; aliases: string[] }[] = [];
  for (const a of letters)
    for (const b of letters) {
      const code = a + b;
      // Deprecated codes (BU for Myanmar, HV for Burkina Faso) canonicalise to today's; skip them.
      if (['EU', 'EZ', 'UN', 'QO', 'XA', 'XB', 'ZZ'].includes(code) || new Intl.Locale(`und-${code}`).region !== code) continue;
      const full = names.of(code);
      if (!full || full === code || /Unknown|Outlying|pseudo/i.test(full)) continue;
      const m = /^(.*?)\s*\((.*)\)$/.exec(full);
      const name = (m?.[1] ?? full).replace(/&/g, 'and');
      found.push({ iso2: code, name, aliases: m?.[2] ? [m[2]] : [] });
    }
  isoNames = found;
  return found;
}
