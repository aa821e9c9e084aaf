import type { NodeLabel } from '@atlas/seed';
import { findOccurrences, introducedEntities, isoEntries, knownAs, newKey, type Occurrence } from './entities.js';
import { Gazetteer, type NamedEntry } from './gazetteer.js';
import type { EntityFinding, Extraction, RelationshipFinding } from './model.js';
import { type Mention, regionsInNames, sentenceRelationships } from './relations.js';
import { fold, type Span, sentences, statedDates, words } from './text.js';
import { paraphrasedThreats } from './threats.js';

const CONFIDENCE: Record<string, number> = { name: 0.95, acronym: 0.9, alias: 0.85, 'close-spelling': 0.75 };

/**
 * Proposes the facts a text states, offline: the graph's entities it names (by name, acronym,
 * alias or a close spelling), the actors, countries and instruments it introduces, and the
 * relationships its sentences state, each with the sentence as its quote. `graph` is what the
 * uploader may see; nothing else is consulted.
 */
export function proposeFacts(text: string, graph: NamedEntry[]): Extraction {
  const base = new Gazetteer(graph);
  const introduced = introducedEntries(text, base);
  const gazetteer = new Gazetteer([...graph, ...introduced, ...isoEntries(base)]);
  const spans = sentences(text);
  const exact = placesInContext(text, mergeDefinitions(text, findOccurrences(text, gazetteer)));
  const occurrences = [...exact, ...paraphrasedThreats(spans, gazetteer, exact)].sort((a, b) => a.start - b.start);
  const findings = new Map<string, EntityFinding>();
  const mentionsBySentence = spans.map(() => [] as Mention[]);
  for (const occ of occurrences) {
    const si = spans.findIndex((s) => s.start <= occ.start && occ.end <= s.end);
    const sentence = spans[si] ?? { start: occ.start, end: occ.end, text: occ.text };
    const finding = record(findings, occ, sentence);
    if (si >= 0 && finding)
      mentionsBySentence[si]?.push({ key: finding.key, label: finding.label, name: finding.name, start: occ.start, end: occ.end });
  }
  const lookup = (token: string): Mention | undefined => {
    const forms = gazetteer.exact.get(token) ?? gazetteer.folded.get(fold(token));
    const entry = forms?.length === 1 ? forms[0]?.entry : undefined;
    const finding = entry && findings.get(entry.key);
    return finding ? { key: finding.key, label: finding.label, name: finding.name, start: 0, end: 0 } : undefined;
  };
  const relationships: RelationshipFinding[] = [];
  spans.forEach((s, i) => {
    const facts = sentenceRelationships(s, mentionsBySentence[i] ?? [], lookup);
    for (const inst of facts.instruments) {
      if (!findings.has(inst.key))
        findings.set(inst.key, {
          key: inst.key,
          label: inst.label,
          status: 'new',
          name: inst.name,
          aliases: [],
          candidates: [],
          how: 'relationship-rule',
          mentions: 1,
          quote: s.text,
          at: s.start,
          confidence: 0.6,
          extra: inst.extra,
        });
    }
    for (const r of facts.relationships)
      if (!relationships.some((o) => o.type === r.type && o.from === r.from && o.to === r.to)) relationships.push(r);
  });
  for (const r of regionsInNames([...findings.values()], gazetteer))
    if (!relationships.some((o) => o.type === r.type && o.from === r.from && o.to === r.to)) relationships.push(r);
  const dates = statedDates(text).map((d) => ({ text: d.text, iso: d.iso, precision: d.precision, at: d.start }));
  return { entities: [...findings.values()].sort((a, b) => a.at - b.at), relationships, dates };
}

/** New entities as gazetteer entries, with their "known as" aliases. */
function introducedEntries(text: string, base: Gazetteer): NamedEntry[] {
  const found = introducedEntities(text, base).filter((e) => !(e.acronym && base.exact.get(e.acronym)?.some((f) => f.entry.known)));
  const aliases = knownAs(text);
  return found.map((e) => {
    const extra = aliases.filter((a) => a.at >= e.span.end && a.at - e.span.end <= 3).map((a) => a.alias);
    return {
      key: newKey(e.label, e.name),
      label: e.label,
      name: e.name,
      acronym: e.acronym,
      aliases: [...e.aliases, ...extra],
      kind: e.kind,
      known: false,
      how: e.rule,
      confidence: e.confidence,
    } as NamedEntry;
  });
}

/**
 * A country and the member state of the same name ("Mali") are told apart by their context: after
 * "in", "across" or "within", or in a list that follows such a place, the name is the place.
 */
function placesInContext(text: string, occurrences: Occurrence[]): Occurrence[] {
  let previous: Occurrence | undefined;
  return occurrences.map((occ) => {
    const regions = occ.entries.filter((e) => e.label === 'Region');
    const before = text.slice(Math.max(0, occ.start - 40), occ.start);
    const afterPlace =
      previous?.entries.every((e) => e.label === 'Region') &&
      /^[\s,]*(?:(?:and|or)\s+)?(?:the\s+)?$/.test(text.slice(previous.end, occ.start));
    const locative = /\b(?:in|across|throughout|within|including)\s+(?:the\s+)?$/i.test(before) || afterPlace;
    const resolved = regions.length > 0 && regions.length < occ.entries.length && locative ? { ...occ, entries: regions } : occ;
    previous = resolved;
    return resolved;
  });
}

/** "the African Union (AU)": the name and its acronym in brackets are one mention. */
function mergeDefinitions(text: string, occurrences: Occurrence[]): Occurrence[] {
  const out: Occurrence[] = [];
  for (const occ of occurrences) {
    const prev = out.at(-1);
    if (prev && /^\s*\($/.test(text.slice(prev.end, occ.start)) && text[occ.end] === ')' && sameEntries(prev, occ)) {
      prev.end = occ.end + 1;
      prev.text = text.slice(prev.start, prev.end);
    } else out.push({ ...occ });
  }
  return out;
}

const sameEntries = (a: Occurrence, b: Occurrence) => a.entries.some((e) => b.entries.some((f) => f.key === e.key));

function record(findings: Map<string, EntityFinding>, occ: Occurrence, sentence: Span): EntityFinding | undefined {
  const single = occ.entries.length === 1 ? occ.entries[0] : undefined;
  const key = single
    ? single.key
    : `ambiguous:${fold(
        words(occ.text)
          .map((w) => w.text)
          .join(' '),
      )}`;
  const existing = findings.get(key);
  if (existing) {
    existing.mentions += 1;
    return existing;
  }
  const entry = single ?? (occ.entries[0] as NamedEntry);
  const extra = entry as NamedEntry & { how?: string; confidence?: number };
  const status = single ? (single.known ? 'resolved' : 'new') : 'ambiguous';
  const finding: EntityFinding = {
    key,
    label: entry.label as NodeLabel,
    status,
    name: single ? entry.name : occ.text,
    acronym: single ? entry.acronym : undefined,
    aliases: single ? entry.aliases : [],
    iso2: single ? entry.iso2 : undefined,
    kind: single ? entry.kind : undefined,
    candidates: occ.entries.filter((e) => e.known).map((e) => ({ id: e.key, label: e.label, name: e.name })),
    how: single && !single.known ? (extra.how ?? 'iso-country-name') : occ.how,
    mentions: 1,
    quote: sentence.text,
    at: sentence.start,
    confidence: single && !single.known ? (extra.confidence ?? 0.8) : status === 'ambiguous' ? 0.5 : (CONFIDENCE[occ.how] ?? 0.8),
  };
  findings.set(key, finding);
  return finding;
}
