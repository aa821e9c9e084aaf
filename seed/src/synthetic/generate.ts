/**
 * Synthetic stakeholder graphs for benchmarks: the seed's labels, relationship types, property
 * names and id conventions (prefixed `syn-`), at any number of actors, the same for the same seed.
 *
 * Shape (what makes it realistic enough to benchmark paths and centrality on):
 * - a region hierarchy world -> 5 continents -> 20 subregions -> up to 240 countries, one
 *   member-state actor per country;
 * - actors tied mostly inside their subregion (75% of actor-actor ties), a few global brokers
 *   (level 'global') tied across regions;
 * - heavy-tailed degrees by preferential attachment: a tie picks its far end from an endpoint
 *   list (each actor appears once per tie it has), so hubs grow; ties to mandates, agreements and
 *   initiatives pick their actors the same way;
 * - about 4.5 relationships per actor, every relationship type of REL_ENDPOINTS.
 *
 * Texts consistent at every clearance (seed/src/consistency.ts): every country, actor, agreement and
 * initiative has a name of its own (the name's word spells its index in syllables), acronyms carry
 * the full index, a member state shares its country's name and so its level, and the names other
 * names contain (the threat taxonomy, world, continents, subregions) are CLEAR. So an import of the
 * synthetic file passes the text-consistency check at its own levels. Unique names draw the same
 * random numbers as the old ones did, so the graph's shape, kinds and levels are otherwise unchanged.
 *
 * Streaming: nodes come first (all labels), then relationships, in batches of `batchSize` rows of
 * one label or one (from label, type, to label); the generator keeps only a few typed arrays per
 * actor (kind, level, country) and the endpoint lists, never the whole graph.
 */
import {
  ACTOR_KINDS,
  type ActorKind,
  type ActorLevel,
  AGREEMENT_KINDS,
  INITIATIVE_KINDS,
  MANDATE_FUNCTIONS,
  type NodeLabel,
  PARTICIPATION_ROLES,
  type RelType,
  SENSITIVITY,
  type SeedNode,
  type SeedRelationship,
  SOURCE_KINDS,
} from '../schema.js';
import { IntList, Random } from './random.js';

export interface SyntheticOptions {
  /** Number of Actor nodes (member states included). */
  actors: number;
  seed?: number;
  /** Rows per batch (default 10 000). */
  batchSize?: number;
}

export type SyntheticBatch =
  | { kind: 'nodes'; label: NodeLabel; rows: SeedNode[] }
  | { kind: 'relationships'; type: RelType; fromLabel: NodeLabel; toLabel: NodeLabel; rows: SeedRelationship[] };

/** How many nodes of each label a graph of `actors` actors holds (relationships are drawn at random). */
export function syntheticPlan(actors: number) {
  if (!Number.isInteger(actors) || actors < 100) throw new Error(`a synthetic graph needs at least 100 actors, got ${actors}`);
  const countries = Math.min(240, Math.max(SUBREGIONS_PER_CONTINENT * CONTINENTS.length, Math.round(actors / 20)));
  const subtypesPerThreat = Math.min(12, Math.max(3, Math.round(actors / 2000)));
  return {
    actors,
    countries,
    regions: 1 + CONTINENTS.length + CONTINENTS.length * SUBREGIONS_PER_CONTINENT + countries,
    threats: THREAT_ROOTS.length * (1 + subtypesPerThreat),
    subtypesPerThreat,
    sources: Math.min(20_000, Math.max(10, Math.round(actors / 50))),
    mandates: Math.round(actors * 0.2),
    agreements: Math.round(actors * 0.1),
    initiatives: Math.round(actors * 0.12),
  };
}
export type SyntheticPlan = ReturnType<typeof syntheticPlan>;

/** '1k' -> 1000, '10k', '100k', '1m' -> 1 000 000, '2500' -> 2500. */
export function parseActorCount(size: string): number {
  const m = /^(\d+(?:\.\d+)?)([km]?)$/i.exec(size.trim());
  if (!m) throw new Error(`size '${size}' is not a number of actors such as 1k, 10k, 100k or 1m`);
  const unit = (m[2] ?? '').toLowerCase();
  return Math.round(Number(m[1]) * (unit === 'k' ? 1e3 : unit === 'm' ? 1e6 : 1));
}

// ---------------------------------------------------------------------------------------------
// Fixed vocabularies
// ---------------------------------------------------------------------------------------------

const CONTINENTS = ['Africa', 'Americas', 'Asia', 'Europe', 'Oceania'] as const;
const SUBREGIONS_PER_CONTINENT = 4;
const COMPASS = ['North', 'South', 'East', 'West'] as const;
const SUBREGION_COUNT = CONTINENTS.length * SUBREGIONS_PER_CONTINENT;

const THREAT_ROOTS = [
  'Armed conflict',
  'Election-related violence',
  'Violent extremism',
  'Climate-related security risk',
  'Political crisis',
  'Restriction of civic space',
  'Organized crime',
  'Intercommunal violence',
] as const;
const THREAT_QUALIFIERS = [
  'cross-border',
  'urban',
  'rural',
  'maritime',
  'online',
  'post-election',
  'resource-linked',
  'youth-related',
  'gender-based',
  'displacement-linked',
  'pastoralist',
  'land-related',
] as const;

/** Non-state actor kinds and their shares (member states are one per country). */
const KIND_WEIGHTS: [ActorKind, number][] = [
  ['un-entity', 6],
  ['un-intergovernmental-body', 0.5],
  ['regional-organization', 1.5],
  ['subregional-organization', 2],
  ['regional-body', 3],
  ['regional-architecture', 0.5],
  ['civil-society', 45],
  ['ifi', 1],
  ['donor', 6],
  ['think-tank', 9],
  ['foundation', 5],
  ['intergovernmental-organization', 3.5],
];
const LEVELS: ActorLevel[] = ['global', 'regional', 'national', 'local'];
/** Level shares [global, regional, national, local] per kind: a few global brokers. */
const LEVEL_WEIGHTS: Record<ActorKind, [number, number, number, number]> = {
  'un-entity': [25, 30, 45, 0],
  'un-intergovernmental-body': [100, 0, 0, 0],
  'regional-organization': [0, 100, 0, 0],
  'subregional-organization': [0, 100, 0, 0],
  'regional-body': [0, 100, 0, 0],
  'regional-architecture': [0, 100, 0, 0],
  'civil-society': [1, 12, 42, 45],
  ifi: [70, 30, 0, 0],
  donor: [20, 10, 70, 0],
  'member-state': [0, 0, 100, 0],
  'think-tank': [10, 25, 65, 0],
  foundation: [15, 15, 70, 0],
  'intergovernmental-organization': [40, 60, 0, 0],
  // Not generated (absent from KIND_WEIGHTS); listed because every kind needs an entry.
  'national-institution': [0, 0, 100, 0],
  'local-actors': [0, 0, 0, 100],
};
const KIND_SUFFIX: Record<ActorKind, string[]> = {
  'un-entity': ['Office', 'Programme', 'Department', 'Mission'],
  'un-intergovernmental-body': ['Commission', 'Council'],
  'regional-organization': ['Union', 'Organization', 'Community'],
  'subregional-organization': ['Economic Community', 'Development Community'],
  'regional-body': ['Peace Council', 'Panel of the Wise', 'Assembly'],
  'regional-architecture': ['Peace and Security Architecture'],
  'civil-society': ['Peace Network', "Women's Network", 'Youth Forum', 'Dialogue Centre', 'Monitoring Group'],
  ifi: ['Development Bank', 'Investment Bank'],
  donor: ['Development Agency', 'Cooperation Fund'],
  'member-state': [],
  'think-tank': ['Institute', 'Policy Centre', 'Research Institute'],
  foundation: ['Foundation', 'Trust'],
  'intergovernmental-organization': ['International Institute', 'Community of States'],
  'national-institution': ['Judiciary', 'Ministry'],
  'local-actors': ['Local Committee'],
};
const ORG_KINDS = new Set<ActorKind>([
  'regional-organization',
  'subregional-organization',
  'intergovernmental-organization',
  'un-intergovernmental-body',
  'ifi',
]);
const FUNDER_KINDS = new Set<ActorKind>(['donor', 'foundation', 'ifi']);
const DATA_KINDS = new Set<ActorKind>(['civil-society', 'think-tank']);
const FREQUENCIES = ['weekly', 'monthly', 'quarterly', 'annual', 'weekly and monthly'] as const;
const CONSTRAINT_REASONS = ['geopolitics', 'lack of mandate', 'host-state consent withdrawn', 'insecurity', 'sanctions'] as const;
const ROLE_WEIGHTS = [0, 30, 10, 10, 30, 5, 5, 10]; // per PARTICIPATION_ROLES; 'lead' is given to the first participant
const SYLLABLES = ['ka', 'ro', 'mi', 'ta', 've', 'lu', 'sa', 'no', 'ri', 'da', 'mo', 'ze', 'ba', 'li', 'qu', 'an', 'or', 'el', 'ut', 'is'];

/** Index i as a capitalised word of at least two syllables, distinct for distinct i (bijective base 20). */
function syllableWord(i: number): string {
  let n = i + SYLLABLES.length + 1;
  let w = '';
  while (n > 0) {
    n -= 1;
    w = SYLLABLES[n % SYLLABLES.length] + w;
    n = Math.floor(n / SYLLABLES.length);
  }
  return w.charAt(0).toUpperCase() + w.slice(1);
}

const ACTOR_KIND_INDEX = new Map(ACTOR_KINDS.map((k, i) => [k, i]));
const MEMBER_STATE = ACTOR_KIND_INDEX.get('member-state') as number;
const GLOBAL = 0;

// ---------------------------------------------------------------------------------------------
// Ids
// ---------------------------------------------------------------------------------------------

function iso2Of(country: number): string {
  return String.fromCharCode(65 + Math.floor(country / 26), 65 + (country % 26));
}
export const syntheticIds = {
  world: 'syn-region-world',
  continent: (c: number) => `syn-region-${(CONTINENTS[c] as string).toLowerCase()}`,
  subregion: (s: number) =>
    `syn-region-${(CONTINENTS[Math.floor(s / SUBREGIONS_PER_CONTINENT)] as string).toLowerCase()}-${(COMPASS[s % SUBREGIONS_PER_CONTINENT] as string).toLowerCase()}`,
  country: (c: number) => `syn-country-${iso2Of(c).toLowerCase()}`,
  threat: (t: number) => `syn-threat-${t}`,
  source: (s: number) => `syn-src-${s}`,
  mandate: (m: number) => `syn-mandate-${m}`,
  agreement: (a: number) => `syn-agreement-${a}`,
  initiative: (i: number) => `syn-init-${i}`,
};
/** Id of actor number i: member states (the first `countries` actors) mirror the seed's state-<iso2>. */
export function syntheticActorId(i: number, plan: SyntheticPlan): string {
  return i < plan.countries ? `syn-state-${iso2Of(i).toLowerCase()}` : `syn-actor-${i}`;
}

// ---------------------------------------------------------------------------------------------
// The generator
// ---------------------------------------------------------------------------------------------

type Props = Record<string, unknown>;

function isoDate(year: number, month: number, day: number): string {
  return `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

export function* generateSyntheticGraph(options: SyntheticOptions): Generator<SyntheticBatch, void, undefined> {
  const plan = syntheticPlan(options.actors);
  const batchSize = options.batchSize ?? 10_000;
  const seed = options.seed ?? 1;
  const N = plan.actors;
  const C = plan.countries;

  // Per-actor facts the relationship phase needs, in typed arrays (a few bytes per actor).
  const actorKind = new Uint8Array(N);
  const actorLevel = new Uint8Array(N);
  const actorCountry = new Uint16Array(N);
  const subregionOf = (country: number) => country % SUBREGION_COUNT;
  const clusterOf = (actor: number) => subregionOf(actorCountry[actor] as number);

  // ---- nodes -------------------------------------------------------------------------------
  const r = new Random(seed);
  const dateBetween = (rng: Random, from: number, to: number) => isoDate(rng.between(from, to), rng.between(1, 12), rng.between(1, 28));
  const sensitivity = (rng: Random, risky = false) => SENSITIVITY[rng.weighted(risky ? [60, 25, 10, 5] : [85, 9, 4.5, 1.5])] as string;
  const citation = (rng: Random): { sourceIds: string[]; quotes: string[] } => {
    const n = rng.chance(0.8) ? 1 : 2;
    const sourceIds: string[] = [];
    const quotes: string[] = [];
    for (let k = 0; k < n; k++) {
      const s = syntheticIds.source(rng.zipf(plan.sources, 0.9));
      if (sourceIds.includes(s)) continue;
      sourceIds.push(s);
      quotes.push(rng.chance(0.5) ? `synthetic excerpt ${rng.int(1_000_000)}` : '');
    }
    return { sourceIds, quotes };
  };
  const word = (rng: Random) => {
    const n = rng.between(2, 3);
    let w = '';
    for (let k = 0; k < n; k++) w += rng.pick(SYLLABLES);
    return w.charAt(0).toUpperCase() + w.slice(1);
  };
  /** A name's word of its own: index i spelt in syllables. Draws what word() draws, so the stream is unchanged. */
  const uniqueWord = (rng: Random, i: number) => {
    word(rng);
    return syllableWord(i);
  };
  const node = (label: NodeLabel, id: string, name: string, props: Props, risky = false, level?: string): SeedNode => {
    const drawn = sensitivity(r, risky);
    return { label, id, properties: { id, name, ...props, sensitivity: level ?? drawn, ...citation(r) } };
  };
  function* inBatches(label: NodeLabel, count: number, make: (i: number) => SeedNode): Generator<SyntheticBatch> {
    for (let start = 0; start < count; start += batchSize) {
      const rows: SeedNode[] = [];
      for (let i = start; i < Math.min(count, start + batchSize); i++) rows.push(make(i));
      yield { kind: 'nodes', label, rows };
    }
  }

  yield* inBatches('Source', plan.sources, (s) => {
    const id = syntheticIds.source(s);
    const kind = r.pick(SOURCE_KINDS);
    const title = `Synthetic ${kind} ${s}`;
    return {
      label: 'Source',
      id,
      properties: { id, name: title, title, kind, date: dateBetween(r, 2000, 2025), sensitivity: 'CLEAR', sourceIds: [], quotes: [] },
    };
  });

  // A member state is named after its country, so it shares the country's level.
  const countries: { name: string; level: string }[] = [];
  yield* inBatches('Region', plan.regions, (k) => {
    // World, continents and subregions are CLEAR: subregion names contain continent names.
    if (k === 0) return node('Region', syntheticIds.world, 'World', { kind: 'world' }, false, 'CLEAR');
    k -= 1;
    if (k < CONTINENTS.length)
      return node('Region', syntheticIds.continent(k), CONTINENTS[k] as string, { kind: 'continent' }, false, 'CLEAR');
    k -= CONTINENTS.length;
    if (k < SUBREGION_COUNT) {
      const name = `${COMPASS[k % SUBREGIONS_PER_CONTINENT]} ${CONTINENTS[Math.floor(k / SUBREGIONS_PER_CONTINENT)]}`;
      return node('Region', syntheticIds.subregion(k), name, { kind: 'subregion' }, false, 'CLEAR');
    }
    k -= SUBREGION_COUNT;
    const name = `${uniqueWord(r, k)}ia`;
    const country = node('Region', syntheticIds.country(k), name, { kind: 'country', iso2: iso2Of(k), iso3: `${iso2Of(k)}X` });
    countries[k] = { name, level: country.properties.sensitivity as string };
    return country;
  });

  yield* inBatches('Threat', plan.threats, (t) => {
    const root = Math.floor(t / (1 + plan.subtypesPerThreat));
    const sub = t % (1 + plan.subtypesPerThreat);
    const rootName = THREAT_ROOTS[root] as string;
    const name = sub === 0 ? rootName : `${rootName} (${THREAT_QUALIFIERS[sub - 1]})`;
    // CLEAR, the taxonomy being public: a subtype's name contains its root's.
    return node('Threat', syntheticIds.threat(t), name, { description: `Synthetic threat: ${name.toLowerCase()}.` }, false, 'CLEAR');
  });

  const kindWeights = KIND_WEIGHTS.map(([, w]) => w);
  yield* inBatches('Actor', N, (i) => {
    if (i < C) {
      actorKind[i] = MEMBER_STATE;
      actorLevel[i] = 2;
      actorCountry[i] = i;
      const props: Props = {
        kind: 'member-state',
        level: 'national',
        aliases: [],
        countryIso2: iso2Of(i),
        description: 'Synthetic member state.',
      };
      const country = countries[i] as { name: string; level: string };
      return node('Actor', syntheticActorId(i, plan), country.name, props, false, country.level);
    }
    const kind = (KIND_WEIGHTS[r.weighted(kindWeights)] as [ActorKind, number])[0];
    const level = r.weighted(LEVEL_WEIGHTS[kind]);
    actorKind[i] = ACTOR_KIND_INDEX.get(kind) as number;
    actorLevel[i] = level;
    // Busy countries hold more actors (Zipf over countries): clusters of uneven size.
    actorCountry[i] = (r.zipf(C, 0.6) * 7919) % C;
    const name = `${uniqueWord(r, i)} ${r.pick(KIND_SUFFIX[kind])}`;
    const props: Props = { kind, level: LEVELS[level], aliases: r.chance(0.2) ? [`${name} (${word(r)})`] : [] };
    if (r.chance(0.6)) props.acronym = name.replace(/[^A-Z]/g, '') + i;
    props.description = `Synthetic ${kind.replace(/-/g, ' ')} (${LEVELS[level]}).`;
    if (level >= 2) props.countryIso2 = iso2Of(actorCountry[i] as number);
    if (r.chance(0.5)) {
      props.influence = Math.round(r.next() * 100) / 100;
      props.interest = Math.round(r.next() * 100) / 100;
    }
    if (r.chance(0.05)) props.validFrom = dateBetween(r, 1990, 2015);
    if (r.chance(0.02)) props.validTo = dateBetween(r, 2016, 2024);
    return node('Actor', syntheticActorId(i, plan), name, props, kind === 'civil-society');
  });

  yield* inBatches('Mandate', plan.mandates, (m) => {
    const functions = [...new Set([r.pick(MANDATE_FUNCTIONS), r.pick(MANDATE_FUNCTIONS)])];
    const props: Props = {
      legalBasis: `Synthetic resolution ${m}/${r.between(1990, 2024)}`,
      functions,
      description: `Synthetic mandate on ${functions.join(' and ')}.`,
    };
    if (r.chance(0.3)) props.confidence = Math.round((0.5 + r.next() * 0.5) * 100) / 100;
    return node('Mandate', syntheticIds.mandate(m), `Mandate on ${functions.join(' and ')} ${m}`, props);
  });

  yield* inBatches('Agreement', plan.agreements, (a) => {
    const kind = r.pick(AGREEMENT_KINDS);
    const props: Props = { kind, description: `Synthetic ${kind}.` };
    if (r.chance(0.7)) props.signed = dateBetween(r, 1995, 2020);
    if (r.chance(0.2)) props.validUntil = dateBetween(r, 2021, 2030);
    return node(
      'Agreement',
      syntheticIds.agreement(a),
      `${uniqueWord(r, N + a)} ${kind === 'mou' ? 'Memorandum of Understanding' : `${kind.replace('-', ' ')}`}`,
      props,
    );
  });

  yield* inBatches('Initiative', plan.initiatives, (k) => {
    const kind = r.pick(INITIATIVE_KINDS);
    const name = `${uniqueWord(r, N + plan.agreements + k)} ${kind.charAt(0).toUpperCase()}${kind.slice(1)}`;
    const props: Props = { kind, description: `Synthetic ${kind}.` };
    // '-' keeps an initiative's acronym apart from an actor's (KI-12 is two words, KI12 one).
    if (r.chance(0.4)) props.acronym = `${name.replace(/[^A-Z]/g, '')}-${k}`;
    if (r.chance(0.6)) props.started = dateBetween(r, 2000, 2022);
    if (r.chance(0.15)) props.ended = dateBetween(r, 2023, 2026);
    return node('Initiative', syntheticIds.initiative(k), name, props);
  });

  // ---- relationships -----------------------------------------------------------------------
  const q = new Random(seed ^ 0x5eed_1234);
  const buffers = new Map<string, Extract<SyntheticBatch, { kind: 'relationships' }>>();
  const full: Extract<SyntheticBatch, { kind: 'relationships' }>[] = [];
  const rel = (type: RelType, fromLabel: NodeLabel, from: string, toLabel: NodeLabel, to: string, extra: Props = {}, risky = false) => {
    const key = `${fromLabel} ${type} ${toLabel}`;
    let batch = buffers.get(key);
    if (!batch) {
      batch = { kind: 'relationships', type, fromLabel, toLabel, rows: [] };
      buffers.set(key, batch);
    }
    const role = typeof extra.role === 'string' ? `:${extra.role}` : '';
    const id = `${from}|${type}${role}|${to}`;
    const drawn = sensitivity(q, risky);
    // The taxonomy is CLEAR (a subtype's name names its root, which states SUBTYPE_OF).
    const props: Props = { id, ...extra, sensitivity: type === 'SUBTYPE_OF' ? 'CLEAR' : drawn, ...citation(q) };
    if (q.chance(0.2)) {
      props.validFrom = dateBetween(q, 1995, 2020);
      if (q.chance(0.25)) props.validTo = dateBetween(q, 2021, 2026);
    }
    if (q.chance(0.3)) props.confidence = Math.round((0.5 + q.next() * 0.5) * 100) / 100;
    batch.rows.push({ type, from, to, properties: props });
    if (batch.rows.length >= batchSize) {
      full.push(batch);
      buffers.delete(key);
    }
  };
  function* drain(): Generator<SyntheticBatch> {
    while (full.length > 0) yield full.shift() as SyntheticBatch;
  }
  const actorId = (i: number) => syntheticActorId(i, plan);
  const kindOf = (i: number) => ACTOR_KINDS[actorKind[i] as number] as ActorKind;
  const countriesIn = (s: number) => Math.floor((C - 1 - s) / SUBREGION_COUNT) + 1;
  const countryIn = (rng: Random, s: number) => s + SUBREGION_COUNT * rng.int(countriesIn(s));
  const threatPick = (rng: Random) => rng.zipf(plan.threats, 0.8);

  // Regions and threat taxonomy.
  for (let c = 0; c < CONTINENTS.length; c++) rel('PART_OF', 'Region', syntheticIds.continent(c), 'Region', syntheticIds.world);
  for (let s = 0; s < SUBREGION_COUNT; s++) {
    rel('PART_OF', 'Region', syntheticIds.subregion(s), 'Region', syntheticIds.continent(Math.floor(s / SUBREGIONS_PER_CONTINENT)));
  }
  for (let c = 0; c < C; c++) rel('PART_OF', 'Region', syntheticIds.country(c), 'Region', syntheticIds.subregion(subregionOf(c)));
  for (let t = 0; t < plan.threats; t++) {
    if (t % (1 + plan.subtypesPerThreat) !== 0) {
      rel('SUBTYPE_OF', 'Threat', syntheticIds.threat(t), 'Threat', syntheticIds.threat(t - (t % (1 + plan.subtypesPerThreat))));
    }
  }
  for (let c = 0; c < C; c++) {
    const seen = new Set<number>();
    for (let k = q.between(1, 4); k > 0; k--) {
      const t = threatPick(q);
      if (seen.has(t)) continue;
      seen.add(t);
      rel('AFFECTS', 'Threat', syntheticIds.threat(t), 'Region', syntheticIds.country(c), {
        severity: q.between(1, 5),
        asOf: dateBetween(q, 2015, 2025),
      });
    }
  }
  yield* drain();

  // Endpoint lists for preferential attachment: per subregion, all actors, global brokers.
  const clusterEnds = Array.from({ length: SUBREGION_COUNT }, () => new IntList(64));
  const clusterMembers = Array.from({ length: SUBREGION_COUNT }, () => new IntList(64));
  const allEnds = new IntList(1024);
  const brokerEnds = new IntList(256);
  const funders = new IntList(256);
  const touch = (i: number) => {
    (clusterEnds[clusterOf(i)] as IntList).push(i);
    allEnds.push(i);
    if (actorLevel[i] === GLOBAL) brokerEnds.push(i);
  };
  /** A tie partner for actor i (or for a place in cluster s): mostly local, by degree. */
  const partner = (rng: Random, s: number, global: boolean): number => {
    const local = clusterEnds[s] as IntList;
    const members = clusterMembers[s] as IntList;
    const u = rng.next();
    if (global ? u < 0.5 : u < 0.75) {
      // 10% uniform among the cluster's actors, so newcomers without ties can still be found.
      if (members.length > 0 && (local.length === 0 || rng.chance(0.1))) return members.sample(rng);
      if (local.length > 0) return local.sample(rng);
    }
    if (u < (global ? 0.75 : 0.92) && brokerEnds.length > 0) return brokerEnds.sample(rng);
    if (allEnds.length > 0) return allEnds.sample(rng);
    // The very first actors: nobody has a tie yet, so any earlier actor.
    return created > 0 ? rng.int(created) : -1;
  };
  let created = 0;

  const socialTie = (a: number, b: number) => {
    const ka = kindOf(a);
    const kb = kindOf(b);
    const ia = actorId(a);
    const ib = actorId(b);
    const u = q.next();
    const either = (type: RelType, extra: Props = {}, risky = false) =>
      q.chance(0.5) ? rel(type, 'Actor', ia, 'Actor', ib, extra, risky) : rel(type, 'Actor', ib, 'Actor', ia, extra, risky);
    if (ka === 'member-state' && ORG_KINDS.has(kb)) return rel('MEMBER_OF', 'Actor', ia, 'Actor', ib);
    if (kb === 'member-state' && ORG_KINDS.has(ka)) return rel('MEMBER_OF', 'Actor', ib, 'Actor', ia);
    if ((ka === 'regional-body' || ka === 'regional-architecture') && ORG_KINDS.has(kb))
      return rel('PART_OF', 'Actor', ia, 'Actor', ib, { partKind: 'organ' });
    if (FUNDER_KINDS.has(ka) || FUNDER_KINDS.has(kb)) {
      const [f, g] = FUNDER_KINDS.has(ka) ? [ia, ib] : [ib, ia];
      return rel(u < 0.5 ? 'FUNDS' : 'SUPPORTS', 'Actor', f, 'Actor', g);
    }
    if (DATA_KINDS.has(ka) || DATA_KINDS.has(kb)) {
      const [d, o] = DATA_KINDS.has(ka) ? [ia, ib] : [ib, ia];
      if (u < 0.3) return rel('PROVIDES_DATA_TO', 'Actor', d, 'Actor', o, { frequency: q.pick(FREQUENCIES) }, true);
      if (u < 0.65) return either('DIALOGUE_WITH', { frequency: q.pick(FREQUENCIES) });
      if (u < 0.7 && ka === kb) return rel('MEMBER_OF', 'Actor', d, 'Actor', o);
      return either('SUPPORTS');
    }
    if (u < 0.45) return either('DIALOGUE_WITH', { frequency: q.pick(FREQUENCIES) });
    if (u < 0.85) return either('SUPPORTS');
    if (u < 0.95) return rel('PROVIDES_DATA_TO', 'Actor', ia, 'Actor', ib, { frequency: q.pick(FREQUENCIES) });
    if (u < 0.98) return rel('ESTABLISHED', 'Actor', ib, 'Actor', ia); // the older actor set up the newer one
    return rel('PART_OF', 'Actor', ia, 'Actor', ib, { partKind: 'organ' });
  };

  for (let i = 0; i < N; i++) {
    const s = clusterOf(i);
    const global = actorLevel[i] === GLOBAL;
    // Where the actor works: its country, its subregion, or continents for global actors.
    const here = actorCountry[i] as number;
    if (global) {
      const seen = new Set<number>();
      for (let k = q.between(1, 3); k > 0; k--) {
        const c = q.int(CONTINENTS.length);
        if (!seen.has(c)) rel('OPERATES_IN', 'Actor', actorId(i), 'Region', syntheticIds.continent(c));
        seen.add(c);
      }
    } else if (actorLevel[i] === 1) {
      rel('OPERATES_IN', 'Actor', actorId(i), 'Region', syntheticIds.subregion(s));
    } else {
      rel('OPERATES_IN', 'Actor', actorId(i), 'Region', syntheticIds.country(here));
      if (q.chance(0.15)) {
        const other = countryIn(q, s);
        if (other !== here) rel('OPERATES_IN', 'Actor', actorId(i), 'Region', syntheticIds.country(other));
      }
    }
    if (q.chance(0.01)) {
      rel('CONSTRAINED_IN', 'Actor', actorId(i), 'Region', syntheticIds.country(countryIn(q, s)), { reason: q.pick(CONSTRAINT_REASONS) });
    }
    // Ties to earlier actors: 1 + a geometric tail, about 2 on average.
    const ties = Math.min(12, 1 + Math.floor(-Math.log(1 - q.next()) * 1.0));
    const chosen = new Set<number>();
    for (let k = 0; k < ties * 2 && chosen.size < ties; k++) {
      const j = partner(q, s, global);
      if (j < 0 || j === i || chosen.has(j)) continue;
      chosen.add(j);
      socialTie(i, j);
      touch(i);
      touch(j);
    }
    // One succession per 400 actors (a fixed quota, so even small graphs hold one).
    if (i > C + 1 && (i - C) % 400 === 199) {
      let j = partner(q, s, false);
      if (j < C || j === i) j = i - 1;
      rel('SUCCEEDED_BY', 'Actor', actorId(j), 'Actor', actorId(i), { validFrom: dateBetween(q, 2000, 2024) });
    }
    (clusterMembers[s] as IntList).push(i);
    created = i + 1;
    if (FUNDER_KINDS.has(kindOf(i))) funders.push(i);
    if (full.length > 0) yield* drain();
  }

  const anyActor = (rng: Random) => (rng.chance(0.7) ? allEnds.sample(rng) : rng.int(N));
  for (let m = 0; m < plan.mandates; m++) {
    const holder = anyActor(q);
    const id = syntheticIds.mandate(m);
    rel(q.chance(0.9) ? 'HAS_MANDATE' : 'LACKS_MANDATE', 'Actor', actorId(holder), 'Mandate', id);
    const threats = new Set([threatPick(q), threatPick(q)]);
    for (const t of threats) rel('COVERS', 'Mandate', id, 'Threat', syntheticIds.threat(t));
    const level = actorLevel[holder] as number;
    const s = clusterOf(holder);
    const where =
      level === GLOBAL
        ? syntheticIds.world
        : level === 1
          ? syntheticIds.subregion(s)
          : syntheticIds.country(actorCountry[holder] as number);
    rel('APPLIES_IN', 'Mandate', id, 'Region', where);
    touch(holder);
    if (full.length > 0) yield* drain();
  }

  for (let a = 0; a < plan.agreements; a++) {
    const id = syntheticIds.agreement(a);
    const first = anyActor(q);
    const parties = new Set([first]);
    for (let k = q.between(1, 3); k > 0; k--) {
      const j = partner(q, clusterOf(first), false);
      if (j >= 0) parties.add(j);
    }
    for (const p of parties) {
      rel('PARTY_TO', 'Actor', actorId(p), 'Agreement', id);
      touch(p);
    }
    if (q.chance(0.6)) rel('TARGETS', 'Agreement', id, 'Threat', syntheticIds.threat(threatPick(q)));
    if (q.chance(0.03)) rel('ESTABLISHED', 'Actor', actorId(anyActor(q)), 'Agreement', id);
    if (full.length > 0) yield* drain();
  }

  for (let k = 0; k < plan.initiatives; k++) {
    const id = syntheticIds.initiative(k);
    const lead = anyActor(q);
    const s = clusterOf(lead);
    const participants = new Set([lead]);
    for (let n = q.between(1, 4); n > 0; n--) {
      const j = partner(q, s, false);
      if (j >= 0) participants.add(j);
    }
    for (const p of participants) {
      const role = p === lead ? 'lead' : (PARTICIPATION_ROLES[q.weighted(ROLE_WEIGHTS)] as string);
      rel('PARTICIPATES_IN', 'Actor', actorId(p), 'Initiative', id, { role });
      touch(p);
    }
    if (funders.length > 0 && q.chance(0.4)) rel('FUNDS', 'Actor', actorId(funders.sample(q)), 'Initiative', id);
    if (q.chance(0.2)) {
      const supporter = anyActor(q);
      if (!participants.has(supporter)) rel('SUPPORTS', 'Actor', actorId(supporter), 'Initiative', id);
    }
    if (q.chance(0.05)) rel('ESTABLISHED', 'Actor', actorId(anyActor(q)), 'Initiative', id);
    for (const t of new Set([threatPick(q), threatPick(q)])) rel('TARGETS', 'Initiative', id, 'Threat', syntheticIds.threat(t));
    // Cross-border: two or more countries of the lead's subregion, else the subregion itself.
    if (q.chance(0.5) && countriesIn(s) > 1) {
      for (const c of new Set([countryIn(q, s), countryIn(q, s), countryIn(q, s)]))
        rel('SPANS', 'Initiative', id, 'Region', syntheticIds.country(c));
    } else {
      rel('SPANS', 'Initiative', id, 'Region', syntheticIds.subregion(s));
    }
    if (k > 0 && q.chance(0.05)) rel('PART_OF', 'Initiative', id, 'Initiative', syntheticIds.initiative(q.int(k)));
    if (full.length > 0) yield* drain();
  }

  yield* drain();
  for (const batch of buffers.values()) if (batch.rows.length > 0) yield batch;
}
