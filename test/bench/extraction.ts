// npx tsx test/bench/extraction.ts [--write]
//
// Quality of the document extractor on the seed note, scored against the hand-built seed graph.
// The extractor never sees seed/data: it reads the note's text and a gazetteer that is either
// empty ("empty graph") or only the regions and threats taxonomy ("taxonomy graph"), as a new
// install would hold. seed/data is read here only to score. With --write the tables replace the
// "Extraction quality" section of test/bench/RESULTS.md.
import { readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { NOTE_SOURCE_ID, type NodeLabel, readSeed, type SeedGraph } from '@atlas/seed';
import type { NamedEntry } from '../../server/src/features/documents/extract/gazetteer.js';
import type { EntityFinding, Extraction } from '../../server/src/features/documents/extract/model.js';
import { proposeFacts } from '../../server/src/features/documents/extract/propose.js';
import { fold } from '../../server/src/features/documents/extract/text.js';

const root = fileURLToPath(new URL('../..', import.meta.url));
const NOTE = path.join(root, 'seed', 'documents', 'regional-peacebuilding-partnerships-note.txt');
const RESULTS = path.join(root, 'test', 'bench', 'RESULTS.md');

/** The entities scored: what the issue asks to find (actors, countries and regions, threats). */
const ENTITY_LABELS: NodeLabel[] = ['Actor', 'Region', 'Threat'];
/** The relationship types the issue lists. */
const REL_TYPES = [
  'MEMBER_OF',
  'PARTY_TO',
  'PROVIDES_DATA_TO',
  'DIALOGUE_WITH',
  'SUPPORTS',
  'OPERATES_IN',
  'HAS_MANDATE',
  'LACKS_MANDATE',
  'PARTICIPATES_IN',
  'SPANS',
];

type Props = Record<string, unknown>;
const quotesFromNote = (p: Props) =>
  (p.sourceIds as string[]).flatMap((s, i) =>
    s === NOTE_SOURCE_ID && (p.quotes as string[])[i] ? [(p.quotes as string[])[i] as string] : [],
  );
const norm = (s: string) =>
  fold(s)
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();

function taxonomy(seed: SeedGraph): NamedEntry[] {
  return seed.nodes
    .filter((n) => n.label === 'Region' || n.label === 'Threat')
    .map((n) => ({
      key: n.id,
      label: n.label,
      name: n.properties.name as string,
      aliases: (n.properties.aliases as string[] | undefined) ?? [],
      iso2: n.properties.iso2 as string | undefined,
      known: true,
    }));
}

/** Seed node ids a finding stands for: its graph ids, or seed nodes of its label with the same name, or (instruments) stated in the same sentence. */
function mapFinding(seed: SeedGraph, f: EntityFinding): Set<string> {
  const ids = new Set(f.candidates.map((c) => c.id));
  if (f.status !== 'new') return ids;
  const names = [f.name, f.acronym, ...f.aliases].filter((x): x is string => !!x).map(norm);
  for (const n of seed.nodes) {
    if (n.label !== f.label) continue;
    const p = n.properties;
    const theirs = [p.name, p.acronym, ...((p.aliases as string[] | undefined) ?? [])]
      .filter((x): x is string => typeof x === 'string')
      .map(norm);
    if (names.some((x) => theirs.includes(x) || lessOneQualifier(x, theirs)) || (f.iso2 && p.iso2 === f.iso2)) ids.add(n.id);
    if (
      ['Initiative', 'Agreement', 'Mandate'].includes(f.label) &&
      quotesFromNote(p).some((q) => norm(f.quote).includes(norm(q)) || norm(q).includes(norm(f.quote)))
    )
      ids.add(n.id);
  }
  return ids;
}

/** "Assistant Secretaries-General" names "Regional Assistant Secretaries-General": the seed name less one qualifying word. */
const lessOneQualifier = (name: string, theirs: string[]) =>
  name.split(' ').length >= 2 && theirs.some((t) => t.endsWith(` ${name}`) && t.split(' ').length === name.split(' ').length + 1);

interface Score {
  entities: {
    gold: number;
    found: number;
    proposed: number;
    correct: number;
    byLabel: Record<string, { gold: number; found: number; proposed: number; correct: number }>;
  };
  relationships: {
    gold: number;
    found: number;
    proposed: number;
    correct: number;
    byType: Record<string, { gold: number; found: number; proposed: number; correct: number }>;
  };
  missedEntities: string[];
  wrongEntities: string[];
  missedRelationships: string[];
  wrongRelationships: string[];
}

function score(seed: SeedGraph, x: Extraction): Score {
  const mapped = new Map(x.entities.map((f) => [f.key, mapFinding(seed, f)]));
  const labelOf = new Map(seed.nodes.map((n) => [n.id, n.label]));
  const goldEntities = seed.nodes.filter((n) => ENTITY_LABELS.includes(n.label) && quotesFromNote(n.properties).length > 0);
  const proposedEntities = x.entities.filter((f) => ENTITY_LABELS.includes(f.label));
  const byLabel: Score['entities']['byLabel'] = {};
  const bump = (
    o: Record<string, { gold: number; found: number; proposed: number; correct: number }>,
    k: string,
    field: 'gold' | 'found' | 'proposed' | 'correct',
  ) => {
    o[k] ??= { gold: 0, found: 0, proposed: 0, correct: 0 };
    o[k][field] += 1;
  };
  const covered = new Set([...proposedEntities].flatMap((f) => [...(mapped.get(f.key) ?? [])]));
  const missedEntities: string[] = [];
  for (const g of goldEntities) {
    bump(byLabel, g.label, 'gold');
    if (covered.has(g.id)) bump(byLabel, g.label, 'found');
    else missedEntities.push(`${g.label} ${g.id} (${g.properties.name})`);
  }
  const wrongEntities: string[] = [];
  for (const f of proposedEntities) {
    bump(byLabel, f.label, 'proposed');
    const ok = [...(mapped.get(f.key) ?? [])].some((id) => labelOf.get(id) === f.label);
    if (ok) bump(byLabel, f.label, 'correct');
    else wrongEntities.push(`${f.label} "${f.name}" (${f.how})`);
  }
  const goldRels = seed.relationships.filter((r) => REL_TYPES.includes(r.type) && quotesFromNote(r.properties).length > 0);
  const byType: Score['relationships']['byType'] = {};
  const matches = (r: { type: string; from: string; to: string }, g: { type: string; from: string; to: string }) =>
    r.type === g.type && (mapped.get(r.from) ?? new Set([r.from])).has(g.from) && (mapped.get(r.to) ?? new Set([r.to])).has(g.to);
  const proposedRels = x.relationships.filter((r) => REL_TYPES.includes(r.type));
  const missedRelationships: string[] = [];
  for (const g of goldRels) {
    bump(byType, g.type, 'gold');
    if (proposedRels.some((r) => matches(r, g))) bump(byType, g.type, 'found');
    else missedRelationships.push(`${g.type} ${g.from} → ${g.to}`);
  }
  const wrongRelationships: string[] = [];
  for (const r of proposedRels) {
    bump(byType, r.type, 'proposed');
    if (goldRels.some((g) => matches(r, g))) bump(byType, r.type, 'correct');
    else wrongRelationships.push(`${r.type} ${r.from} → ${r.to} (${r.rule})`);
  }
  const sum = (o: Record<string, { gold: number; found: number; proposed: number; correct: number }>) =>
    Object.values(o).reduce(
      (a, b) => ({ gold: a.gold + b.gold, found: a.found + b.found, proposed: a.proposed + b.proposed, correct: a.correct + b.correct }),
      { gold: 0, found: 0, proposed: 0, correct: 0 },
    );
  return {
    entities: { ...sum(byLabel), byLabel },
    relationships: { ...sum(byType), byType },
    missedEntities,
    wrongEntities,
    missedRelationships,
    wrongRelationships,
  };
}

const pct = (a: number, b: number) => (b === 0 ? '–' : `${((100 * a) / b).toFixed(0)}% (${a}/${b})`);

function table(
  title: string,
  rows: Record<string, { gold: number; found: number; proposed: number; correct: number }>,
  total: { gold: number; found: number; proposed: number; correct: number },
): string {
  const line = (k: string, v: typeof total) => `| ${k} | ${pct(v.found, v.gold)} | ${pct(v.correct, v.proposed)} |`;
  return [
    `| ${title} | recall | precision |`,
    '| --- | ---: | ---: |',
    ...Object.entries(rows)
      .sort()
      .map(([k, v]) => line(k, v)),
    line('**all**', total),
  ].join('\n');
}

function report(mode: string, s: Score, ms: number): string {
  return [
    `### ${mode} (${ms} ms to extract)`,
    '',
    table('entities', s.entities.byLabel, s.entities),
    '',
    table('relationships', s.relationships.byType, s.relationships),
    '',
    `Missed entities (${s.missedEntities.length}): ${s.missedEntities.join('; ') || 'none'}.`,
    '',
    `Wrong entities (${s.wrongEntities.length}): ${s.wrongEntities.join('; ') || 'none'}.`,
    '',
    `Missed relationships (${s.missedRelationships.length}): ${s.missedRelationships.join('; ') || 'none'}.`,
    '',
    `Wrong relationships (${s.wrongRelationships.length}): ${s.wrongRelationships.join('; ') || 'none'}.`,
    '',
  ].join('\n');
}

const METHOD = `Gold: the seed graph's actors, regions and threats that cite the note with a quote (the entities the
issue asks for), and its relationships of the listed types that cite the note with a quote. A proposed
entity is correct when it is (resolves to, or has the name, acronym or an alias of, or that name less one
leading qualifier) a seed node of its label; a new country from the ISO list counts by its code. A proposed relationship is correct when a gold
relationship has its type and both its ends; an end that is a new initiative, agreement or mandate stands
for the seed instruments of that label quoted from the same sentence (the seed splits "initiatives ... in
Bangladesh, Tajikistan, and Tunisia" into three, the extractor proposes one spanning the three). Roles on
PARTICIPATES_IN are not scored. The extractor only sees the note and the gazetteer named in each heading.`;

const WHY = `Why the misses (taxonomy graph). Threats the note implies rather than names ("a significant reduction in
conflict and crime" for *Local conflict and crime*, "women's inclusion in peacemaking" for *Exclusion of women from
peacemaking*, "cross-border issues" for *Cross-border conflict dynamics*); the UN Secretariat, which the note never
names. Relationships the seed editor inferred beyond any one sentence: OPERATES_IN the world for global bodies
(GPPAC, GNWP, UNDP, DPPA, PBC), mandates grounded in the 2016 resolutions (HAS_MANDATE PBC, PBSO, DPPA, WANEP,
ECOWAS), the roundtable's and the PBC-AU PSC dialogue's participants where the sentence names no initiative, the
UN leading the Sahel and Horn strategies (the sentence's subject is "participants"), SPANS of the ECPF ("in the
region"). The wrong ones are plausible readings the seed did not record (PBSO "supported ... efforts ... in Burkina
Faso" read as presence; ASEAN in Myanmar). Empty graph: no threat taxonomy to match, and regions are only the ISO
country names (Sahel, Horn of Africa, South Caucasus, Great Lakes are not countries), so threats and sub-regions and
the relationships that end in them are lost; the taxonomy is what a new install ships with.`;

const seed = await readSeed();
const text = readFileSync(NOTE, 'utf8');
const sections: string[] = [];
for (const [mode, names] of [
  ['Taxonomy graph (regions and threats only)', taxonomy(seed)],
  ['Empty graph', []],
] as const) {
  const t0 = performance.now();
  const x = proposeFacts(text, [...names]);
  const ms = Math.round(performance.now() - t0);
  const s = score(seed, x);
  console.log(
    `${mode}: entities recall ${pct(s.entities.found, s.entities.gold)}, precision ${pct(s.entities.correct, s.entities.proposed)}; relationships recall ${pct(s.relationships.found, s.relationships.gold)}, precision ${pct(s.relationships.correct, s.relationships.proposed)}`,
  );
  sections.push(report(mode, s, ms));
}
if (process.argv.includes('--write')) {
  const heading = '## Extraction quality on the seed note (`npx tsx test/bench/extraction.ts --write`)';
  const load = `Run ${new Date().toISOString().slice(0, 10)} on a shared machine, load average ${(os.loadavg()[0] ?? 0).toFixed(1)} (extraction times are wall-clock under that load).`;
  const body = `${heading}\n\n${load}\n\n${METHOD}\n\n${sections.join('\n')}\n${WHY}\n`;
  const md = readFileSync(RESULTS, 'utf8');
  const start = md.indexOf('## Extraction quality');
  const marker = '<!-- raw results';
  const end = start >= 0 ? md.slice(start + 3).search(/\n## |\n<!-- raw results/) + start + 4 : md.indexOf(marker);
  writeFileSync(RESULTS, start >= 0 ? `${md.slice(0, start)}${body}\n${md.slice(end)}` : `${md.slice(0, end)}${body}\n${md.slice(end)}`);
  console.log(`written to ${path.relative(root, RESULTS)}`);
}
