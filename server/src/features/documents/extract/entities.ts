import type { NodeLabel } from '@atlas/seed';
import nlp from 'compromise';
import { type Form, type Gazetteer, isoCountries, type NamedEntry } from './gazetteer.js';
import { editDistance, fold, type Span, slug, words } from './text.js';

/** One place in the text where an entry is named. */
export interface Occurrence extends Span {
  entries: NamedEntry[];
  how: Form['how'] | 'close-spelling';
  /** The best edit distance for a close spelling (0 for an exact form). */
  distance: number;
}

const STOP = new Set(['of', 'for', 'the', 'and', 'on', 'in', 'to', 'de', 'des', 'du', 'la', 'le', 'et', '&']);

/** Every occurrence of a gazetteer form, longest first, never overlapping. */
export function findOccurrences(text: string, gazetteer: Gazetteer): Occurrence[] {
  const tokens = words(text);
  const foldedTokens = tokens.map((t) => fold(t.text));
  const out: Occurrence[] = [];
  for (let i = 0; i < tokens.length; ) {
    const hit = longestAt(text, tokens, foldedTokens, i, gazetteer);
    if (hit) {
      out.push(hit.occurrence);
      i += hit.length;
    } else i++;
  }
  return out;
}

function longestAt(text: string, tokens: Span[], folded: string[], i: number, g: Gazetteer) {
  const first = tokens[i] as Span;
  for (let k = Math.min(g.maxWords, tokens.length - i); k >= 1; k--) {
    const last = tokens[i + k - 1] as Span;
    // A name does not run across a sentence or a parenthesis.
    if (k > 1 && /[.;:()\n]/.test(text.slice(first.end, last.start))) continue;
    const span = { start: first.start, end: last.end, text: text.slice(first.start, last.end) };
    const exact = k === 1 ? g.exact.get(first.text) : undefined;
    const forms = exact ?? g.folded.get(folded.slice(i, i + k).join(' '));
    if (forms?.length && !(k === 1 && STOP.has(folded[i] as string))) {
      return { length: k, occurrence: { ...span, entries: entriesOf(forms), how: forms[0]?.how ?? 'name', distance: 0 } as Occurrence };
    }
    const close = k >= 2 ? closeSpelling(folded.slice(i, i + k).join(' '), g.byLength.get(k) ?? []) : undefined;
    if (close && /^[A-Z]/.test(first.text)) return { length: k, occurrence: { ...span, ...close } as Occurrence };
  }
  return undefined;
}

function entriesOf(forms: Form[]): NamedEntry[] {
  const seen = new Map<string, NamedEntry>();
  for (const f of forms) seen.set(f.entry.key, f.entry);
  return [...seen.values()];
}

/** Close spellings: "West African Network for Peacebuilding" for "West Africa Network for Peacebuilding". */
function closeSpelling(window: string, candidates: { key: string; form: Form }[]) {
  const max = Math.min(3, 1 + Math.floor(window.length / 20));
  let best: { distance: number; forms: Form[] } | undefined;
  for (const c of candidates) {
    if (c.key[0] !== window[0]) continue;
    const d = editDistance(window, c.key, max);
    if (d > max || d === 0) continue;
    if (!best || d < best.distance) best = { distance: d, forms: [c.form] };
    else if (d === best.distance) best.forms.push(c.form);
  }
  return best && { entries: entriesOf(best.forms), how: 'close-spelling' as const, distance: best.distance };
}

// ---- entities the document introduces ----------------------------------------------------------

/** A definition of a new entity in the text: "Full Name (ACRONYM)", an organisation name, "known as". */
export interface Introduced {
  label: NodeLabel;
  name: string;
  acronym?: string | undefined;
  aliases: string[];
  kind?: string | undefined;
  span: Span;
  rule: 'acronym-definition' | 'organisation-name' | 'known-as' | 'bare-acronym' | 'country-name' | 'language-model';
  confidence: number;
}

/**
 * Schwartz & Hearst (2003): the shortest run of words before "(SF)" whose letters spell the
 * short form right to left, its first letter starting a word.
 */
export function longFormFor(short: string, before: string): string | undefined {
  const letters = short.replace(/s$/, '');
  const maxWords = Math.min(letters.length + 5, letters.length * 2);
  const ws = before.trimEnd().split(/\s+/);
  const candidate = ws.slice(-maxWords).join(' ');
  let s = letters.length - 1;
  let l = candidate.length - 1;
  while (s >= 0) {
    const c = (letters[s] as string).toLowerCase();
    if (!/[a-z0-9]/.test(c)) {
      s--;
      continue;
    }
    while (
      l >= 0 &&
      ((candidate[l] as string).toLowerCase() !== c || (s === 0 && l > 0 && /[\p{L}\p{N}]/u.test(candidate[l - 1] as string)))
    )
      l--;
    if (l < 0) return undefined;
    l--;
    s--;
  }
  let from = candidate.lastIndexOf(' ', l) + 1;
  // "Organization of American States (OAS)": a long form cannot start on a connector; take in the capitalised word before it.
  while (/^(?:of|for|and|on|de)\s/.test(candidate.slice(from)) && from > 0) {
    const prev = candidate.lastIndexOf(' ', from - 2) + 1;
    if (!/^[A-Z]/.test(candidate.slice(prev))) break;
    from = prev;
  }
  const long = candidate.slice(from).replace(/['’]s?$/, '');
  const lead = long.split(/\s+/);
  // Drop a leading "the"/"former"/"Joint": the name starts at its first capitalised word.
  while (lead.length > 1 && !/^[A-Z]/.test(lead[0] as string)) lead.shift();
  if (!/^[A-Z]/.test(lead[0] as string) || lead.length < 2) return undefined;
  return lead.join(' ').replace(/['’]\s/g, ' ');
}

const INITIATIVE_HEAD =
  /^(?:Programmes?|Programs?|Initiatives?|Frameworks?|Strateg(?:y|ies)|Mechanisms?|Conferences?|Roundtables?|Review|Forums|Dialogues?|Process|Projects?|Plans? of Action|Facilit\w+ Program\w*)$/;
const AGREEMENT_HEAD = /^(?:Agreements?|Memorand(?:um|a)(?: of Understanding)?|Accords?|Treat(?:y|ies)|Protocols?|Charter)$/;
const ACTOR_HEAD =
  'Bank|Foundation|Institute|Union|Community|Organi[sz]ation|Network|Partnership|Commission|Council|Office|Department|Agency|Fund|Secretariat|Assembly|Coordinators|Teams|Advisors|Advisers|Mediators|Forum|Association|Committee|Cent(?:re|er)|Alliance|Coalition|Society|League|Court|Mission|Panel|Authority|Architecture|Secretary-General|Secretaries-General|Heads of State and Government|Programme';

/** The label of a new name from its last word (programmes and frameworks are initiatives). */
export function labelOfName(name: string): NodeLabel {
  const ws = name.split(/\s+/);
  const last = ws[ws.length - 1] ?? '';
  // "UN Development Programme" is an agency; "UN DPPA Programme" (named after its partner) is a programme.
  if (/^(?:UN|United Nations) (?:[A-Z][a-z]+ )+Programme$/.test(name)) return 'Actor';
  if (INITIATIVE_HEAD.test(last) || /Plans? of Action$/.test(name) || /^(?:\d{4} )?Review\b/.test(name)) return 'Initiative';
  if (AGREEMENT_HEAD.test(last) || /^Memorand/.test(name)) return 'Agreement';
  return 'Actor';
}

/** A first guess at an actor's kind from its name; the reviewer sets the right one. */
export function actorKindOf(name: string): string {
  const rules: [RegExp, string][] = [
    [/\bBank\b|\bMonetary Fund\b/, 'ifi'],
    [/^(?:UN|United Nations)\b|\bSecretary-General\b|\bResident Coordinators?\b|\bCountry Teams?\b/, 'un-entity'],
    [/\bFoundation\b/, 'foundation'],
    [/\bInstitute\b|\bCent(?:re|er)\b/, 'think-tank'],
    [/\b(?:Council|Assembly|Architecture|Commission)\b/, 'regional-body'],
    [/\bUnion\b|\bStates\b|\bCommunity\b|\bForum\b|\bAssociation\b|\bOrgani[sz]ation\b/, 'regional-organization'],
    [/\bNetwork\b|\bPartnership\b|\bCoalition\b|\bAlliance\b|\bSociety\b/, 'civil-society'],
  ];
  return rules.find(([re]) => re.test(name))?.[1] ?? 'civil-society';
}

const ACRONYM_DEF = /\(([A-Z][A-Za-z]{0,3}[A-Z][A-Za-z]{0,6})\)/g;

function acronymDefinitions(text: string): Introduced[] {
  const out: Introduced[] = [];
  for (const m of text.matchAll(ACRONYM_DEF)) {
    const short = m[1] as string;
    const lineStart = Math.max(text.lastIndexOf('\n', m.index), text.lastIndexOf('(', m.index - 1), m.index - 200) + 1;
    const long = longFormFor(short, text.slice(lineStart, m.index));
    if (!long) continue;
    const start = text.lastIndexOf(long.split(' ')[0] as string, m.index);
    const label = labelOfName(long);
    out.push({
      label,
      name: long,
      acronym: short,
      aliases: [],
      span: { start, end: m.index + m[0].length, text: text.slice(start, m.index + m[0].length) },
      rule: 'acronym-definition',
      confidence: 0.9,
    });
  }
  return out;
}

const CAP_WORD = "(?:[A-Z][\\p{L}'’-]*|UN|AU|EU)";
const NAME_RE = new RegExp(`${CAP_WORD}(?:\\s+(?:(?:of|for|and|the|on)\\s+)*${CAP_WORD})*`, 'gu');
const HEAD_AT_END = new RegExp(`(?:^|\\s)(?:${ACTOR_HEAD})$`);

/** Collective nouns that read like names at the start of a sentence or in a heading. */
const GENERIC = /^(?:Civil Society|Member States|Regional Organi[sz]ations?|National Governments?|International Community)$/i;

/** Capitalised names ending in an organisation's head noun: "World Bank", "UN Country Teams". */
function organisationNames(text: string): Introduced[] {
  const out: Introduced[] = [];
  for (const line of text.matchAll(/[^\n]+/g)) {
    // A heading ("FemWise and The Africa Peace and Security Architecture:") lists topics, not one name.
    if (/:\s*$/.test(line[0]) && !/[.!?]/.test(line[0])) continue;
    for (const m of line[0].matchAll(NAME_RE)) {
      let offset = line.index + m.index;
      for (const part of splitCoordinated(m[0])) {
        const found = nameFrom(part, offset + m[0].indexOf(part, offset - line.index - m.index));
        // "The African Union (AU) Assembly of ...": the organ is named with its organisation's acronym.
        const owner = /\(([A-Z]{2,6})\)\s+$/.exec(text.slice(Math.max(0, line.index + m.index - 12), line.index + m.index));
        if (found && owner && found.span.start === line.index + m.index)
          out.push({ ...found, name: `${owner[1]} ${found.name}`, aliases: [found.name] });
        else if (found) out.push(found);
      }
      offset += m[0].length;
    }
  }
  return out;
}

/** "World Bank and the African Development Bank" is two names; "Peace and Security Council" is one. */
function splitCoordinated(run: string): string[] {
  const parts = run.split(/\s+and\s+(?:the\s+|The\s+)?/);
  const out: string[] = [];
  let current = parts[0] as string;
  for (const next of parts.slice(1)) {
    if (HEAD_AT_END.test(current) || /^[A-Z]{2,}$/.test(current)) {
      out.push(current);
      current = next;
    } else current = `${current} and ${next}`;
  }
  out.push(current);
  return out;
}

function nameFrom(run: string, at: number): Introduced | undefined {
  const ws = run.replace(/['’]s?$/, '').split(/\s+/);
  while (
    ws.length > 1 &&
    !HEAD_AT_END.test(ws.join(' ')) &&
    !INITIATIVE_HEAD.test(ws[ws.length - 1] as string) &&
    !/Plans? of Action$/.test(ws.join(' '))
  )
    ws.pop();
  while (
    ws.length > 1 &&
    /^(?:The|A|An|In|For|Of|And|As|With|By|Such|Its|Their|Interim|Report|Reports|Resolution|Note|of|the)$/.test(ws[0] as string)
  )
    ws.shift();
  const name = ws.join(' ');
  if (
    ws.length < 2 ||
    GENERIC.test(name) ||
    !(HEAD_AT_END.test(name) || INITIATIVE_HEAD.test(ws[ws.length - 1] as string) || /Plans? of Action$/.test(name))
  )
    return undefined;
  const start = at + run.indexOf(ws[0] as string);
  return {
    label: labelOfName(name),
    name,
    aliases: [],
    span: { start, end: start + name.length, text: name },
    rule: 'organisation-name',
    confidence: 0.7,
  };
}

/** UN bodies named in lower case: "UN regional peacebuilding entities", "UN country teams". */
function unBodies(text: string): Introduced[] {
  const re = /\b(?:UN|United Nations)\s+((?:[a-z-]+\s+){1,3}(?:offices|entities|missions|agencies|teams|envoys|coordinators))\b/g;
  return [...text.matchAll(re)].map((m) => ({
    label: 'Actor' as NodeLabel,
    name: m[0],
    aliases: [],
    span: { start: m.index, end: m.index + m[0].length, text: m[0] },
    rule: 'organisation-name' as const,
    confidence: 0.6,
  }));
}

/** "…, known as FemWise-Africa": the name after "known as" (or "also called") is an alias of the entity before it. */
export function knownAs(text: string): { alias: string; at: number }[] {
  return [
    ...text.matchAll(/\b(?:known as|also called|hereafter|referred to as)\s+["“]?([A-Z][\p{L}\p{N}'’-]*(?:\s+[A-Z][\p{L}\p{N}'’-]*)*)/gu),
  ].map((m) => ({ alias: m[1] as string, at: m.index }));
}

/** Upper-case words (3 to 8 letters) that nothing defines: ASEAN. A weak guess, low confidence. */
function bareAcronyms(text: string, g: Gazetteer, defined: Set<string>): Introduced[] {
  const seen = new Set<string>();
  const out: Introduced[] = [];
  for (const m of text.matchAll(/(?<![\p{L}\p{N}/-])([A-Z]{3,8})(?![\p{L}\p{N}/-])/gu)) {
    const word = m[1] as string;
    if (seen.has(word) || defined.has(word) || g.exact.has(word) || /^[IVXLCDM]+$/.test(word)) continue;
    seen.add(word);
    out.push({
      label: 'Actor',
      name: word,
      acronym: word,
      aliases: [],
      span: { start: m.index, end: m.index + word.length, text: word },
      rule: 'bare-acronym',
      confidence: 0.4,
    });
  }
  return out;
}

/** Organisations the bundled English model of compromise tags, that no rule above found. */
function modelOrganisations(text: string): Introduced[] {
  const out: Introduced[] = [];
  const doc = nlp(text);
  for (const org of doc.organizations().json({ offset: true }) as { text: string; offset: { start: number; length: number } }[]) {
    const name = org.text
      .replace(/[.,;:'’]+$/, '')
      .replace(/['’]s$/, '')
      .replace(/^the\s+/i, '');
    if (name.split(/\s+/).length < 2 || !/^[A-Z]/.test(name)) continue;
    const start = text.indexOf(name, org.offset.start);
    if (start < 0) continue;
    out.push({
      label: labelOfName(name),
      name,
      aliases: [],
      span: { start, end: start + name.length, text: name },
      rule: 'language-model',
      confidence: 0.5,
    });
  }
  return out;
}

/** New entities the text introduces, not already in the gazetteer, one per name (an acronym definition wins over a guess). */
export function introducedEntities(text: string, g: Gazetteer): Introduced[] {
  const definitions = acronymDefinitions(text);
  const overlapsDefinition = (e: Introduced) => definitions.some((d) => d.span.start < e.span.end && e.span.start < d.span.end);
  const guesses = [...organisationNames(text), ...unBodies(text), ...modelOrganisations(text)].filter((e) => !overlapsDefinition(e));
  const byName = new Map<string, Introduced>();
  for (const e of [...definitions, ...guesses]) {
    const known = g.folded.get(
      fold(
        words(e.name)
          .map((w) => w.text)
          .join(' '),
      ),
    );
    if (known?.length) continue;
    const key = slug(e.name);
    if (!byName.has(key)) byName.set(key, e);
  }
  // An acronym defined anywhere ("the Peacebuilding Commission (PBC)") is not a bare acronym.
  const defined = new Set([...text.matchAll(ACRONYM_DEF)].map((m) => m[1] as string));
  const all = [...byName.values(), ...bareAcronyms(text, g, defined)];
  return all.map((e) => (e.label === 'Actor' ? { ...e, kind: actorKindOf(e.name) } : e));
}

/** ISO country names the graph does not hold as a Region: proposed as new countries. */
export function isoEntries(g: Gazetteer): NamedEntry[] {
  const knownIso = new Set<string>();
  for (const map of [g.folded, g.exact])
    for (const forms of map.values()) for (const f of forms) if (f.entry.iso2) knownIso.add(f.entry.iso2);
  return isoCountries()
    .filter((c) => !knownIso.has(c.iso2))
    .map((c) => ({
      key: `new:Region:country-${c.iso2.toLowerCase()}`,
      label: 'Region' as NodeLabel,
      name: c.name,
      aliases: c.aliases,
      iso2: c.iso2,
      kind: 'country',
      known: false,
    }));
}

export const newKey = (label: NodeLabel, name: string) => `new:${label}:${slug(name)}`;
