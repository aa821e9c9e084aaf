import { GAP_LIMITS } from '@atlas/seed';
import { describe, expect, it } from 'vitest';
import { computeCoverage } from '../../server/src/features/coverage/service.js';
import { gapCounter } from '../../server/src/features/gaps/counting.js';
import { type GapSituation, SITUATION_KINDS, situationGapsOf } from '../../server/src/features/gaps/detect.js';
import { GAP_KINDS, type GapRows } from '../../server/src/features/gaps/model.js';
import { detectGaps } from '../../server/src/features/gaps/service.js';
import { tieGraph, tieNetwork } from '../../server/src/features/gaps/ties.js';
import type { GraphNode } from '../../server/src/features/graph/model.js';
import { FactBase } from '../../server/src/features/positioning/factBase.js';
import { relationTo } from '../../server/src/features/positioning/hierarchy.js';
import { type FactRows, isOrgan, type LinkRow, type Member, type RelRef } from '../../server/src/features/positioning/model.js';
import { positionActors } from '../../server/src/features/positioning/positioning.js';

// Gap counts and coverage grids count on integers (positioning/standing.ts, gaps/counting.ts);
// pages of gaps and responders position actors fact by fact (positionActors, situationGapsOf).
// On random graphs with every feature the positioning knows (hierarchies with several parents,
// reach through members on the date asked, constrained and world presence, organs and components,
// initiatives as the only presence, stated lacks of mandate, actors at home, frameworks, ids the
// region list does not know), every question must count the same both ways.

function random(seed: number) {
  let state = seed >>> 0;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (n: number) => Math.floor(next() * n);
  const pick = <T>(list: readonly T[]): T => list[int(list.length)] as T;
  const some = <T>(list: readonly T[], max: number): T[] => [...new Set(Array.from({ length: int(max + 1) }, () => pick(list)))];
  return { next, int, pick, some, chance: (p: number) => next() < p };
}

const KINDS = [
  'regional-organization',
  'subregional-organization',
  'un-entity',
  'civil-society',
  'civil-society',
  'national-institution',
  'local-actors',
  'member-state',
  'regional-architecture',
  'donor',
] as const;
const LINK_TYPES = [
  'DIALOGUE_WITH',
  'SUPPORTS',
  'PROVIDES_DATA_TO',
  'SHARED_AGREEMENT',
  'SHARED_INITIATIVE',
  'MEMBER_OF',
  'PART_OF',
] as const;

function randomGraph(seed: number): { fb: FactBase; rows: GapRows } {
  const r = random(seed);
  const rel = (id: string): RelRef => ({ id, sourceIds: [], quotes: [] });
  const threats = Array.from({ length: 7 }, (_, i) => ({
    id: `t${i}`,
    name: `threat ${i}`,
    parents: i === 0 ? [] : r.some(['t0', 't1', 't2', 't3', 't4', 't5'].slice(0, i), 2),
  }));
  const continents = ['c0', 'c1'];
  const subregions = ['s0', 's1', 's2', 's3'];
  const countries = Array.from({ length: 8 }, (_, i) => `k${i}`);
  const regions = [
    { id: 'world', name: 'World', kind: 'world', parents: [] },
    ...continents.map((id) => ({ id, name: id, kind: 'continent', parents: ['world'] })),
    ...subregions.map((id) => ({ id, name: id, kind: 'subregion', parents: [r.pick(continents)] })),
    ...countries.map((id) => ({ id, name: id, kind: 'country', parents: r.some(subregions, 2).concat(r.chance(0.1) ? ['c0'] : []) })),
    { id: 'sahel', name: 'Sahel', kind: 'subregion', parents: r.some(subregions, 2) },
  ];
  // An id no region row names: facts may still point at it.
  const regionIds = [...regions.map((x) => x.id), 'nowhere'];
  const threatIds = [...threats.map((t) => t.id), 'unlisted-threat'];
  const actors: GraphNode[] = Array.from({ length: 28 }, (_, i) => ({
    id: `a${i}`,
    label: 'Actor',
    name: `actor ${i}`,
    acronym: null,
    kind: r.pick(KINDS),
    sensitivity: 'CLEAR',
  }));
  const actorIds = actors.map((a) => a.id);
  const orgs = actors.filter((a) => a.kind === 'regional-organization' || a.kind === 'subregional-organization').map((a) => a.id);
  const anyActor = () => (r.chance(0.03) ? 'ghost' : r.pick(actorIds));
  const partKind = () => r.pick(['organ', 'component', null] as const);

  const memberships = orgs.map((orgId) => {
    const members: Member[] = Array.from({ length: r.int(4) }, (_, i) => ({
      stateId: `state-${orgId}-${i}`,
      rel: rel(`m-${orgId}-${i}`),
      validFrom: r.chance(0.3) ? '2001-01-01' : null,
      validTo: r.chance(0.3) ? '2025-01-29' : null,
      current: r.chance(0.7),
      regionIds: r.some([...countries, 'nowhere', 'sahel'], 2),
    }));
    return { orgId, listed: members.length, members };
  });
  const instruments = Array.from({ length: 12 }, (_, i) => {
    const label = r.chance(0.7) ? 'Initiative' : 'Agreement';
    const spans = label === 'Initiative' ? r.some(regionIds, 3).map((regionId) => ({ regionId, rel: rel(`sp-${i}-${regionId}`) })) : [];
    return { id: `instrument-${i}`, label, spans };
  });
  const rows: FactRows = {
    threats,
    regions,
    actors,
    memberships,
    mandates: Array.from({ length: 45 }, (_, i) => ({
      actorId: r.chance(0.5) && orgs.length > 0 ? r.pick(orgs) : anyActor(),
      relation: r.chance(0.85) ? 'HAS_MANDATE' : 'LACKS_MANDATE',
      mandate: { id: `mandate-${i}`, name: `mandate ${i}` },
      threatId: r.pick(threatIds),
      regionId: r.pick(regionIds),
      reach: r.pick([null, 'membership', 'membership', 'stated'] as const),
      rels: [rel(`hm-${i}`)],
    })),
    presence: Array.from({ length: 60 }, (_, i) => {
      const actorId = r.pick(actorIds);
      return {
        actorId,
        actorKind: actors.find((a) => a.id === actorId)?.kind ?? '',
        relation: r.chance(0.1) ? 'CONSTRAINED_IN' : 'OPERATES_IN',
        reason: null,
        regionId: r.chance(0.15) ? 'world' : r.pick(regionIds),
        rel: rel(`op-${i}`),
      };
    }),
    instruments: Array.from({ length: 40 }, (_, i) => {
      // An instrument is an initiative or an agreement, with the same spans on every row that names it.
      const instrument = instruments[r.int(instruments.length)] as (typeof instruments)[number];
      const initiative = instrument.label === 'Initiative';
      return {
        actorId: r.pick(actorIds),
        relation: initiative ? 'PARTICIPATES_IN' : 'PARTY_TO',
        role: initiative ? r.pick(['lead', 'funder', 'data-provider', null]) : null,
        instrument: { id: instrument.id, name: instrument.id, label: instrument.label },
        threatId: r.pick(threatIds),
        rels: [rel(`pi-${i}`)],
        spans: instrument.spans,
      };
    }),
    links: Array.from({ length: 55 }, (_, i): LinkRow => {
      const type = r.pick(LINK_TYPES);
      return {
        fromId: anyActor(),
        toId: r.chance(0.03) ? 'a0' : anyActor(),
        type,
        partKind: type === 'PART_OF' ? partKind() : null,
        frequency: null,
        via: null,
        rels: [rel(`l-${i}`)],
      };
    }),
    actorHierarchy: Array.from({ length: 16 }, (_, i) => {
      const type = r.chance(0.7) ? 'PART_OF' : 'MEMBER_OF';
      return { fromId: anyActor(), toId: anyActor(), type, partKind: type === 'PART_OF' ? partKind() : null, rel: rel(`h-${i}`) };
    }),
  } as FactRows;
  const gapRows: GapRows = {
    affects: Array.from({ length: 14 }, (_, i) => ({ threatId: r.pick(threatIds), regionId: r.pick(regionIds), rel: rel(`af-${i}`) })),
    organizations: orgs.map((actorId) => ({
      actorId,
      presence: r.some(regionIds, 2).map((regionId) => ({ regionId, rel: rel(`o-${actorId}-${regionId}`) })),
      providers: r.chance(0.5) ? [r.pick(actorIds)] : [],
    })),
    initiatives: Array.from({ length: 10 }, (_, i) => ({
      initiative: { id: `initiative-${i}`, name: `initiative ${i}` },
      funders: r.chance(0.3) ? [r.pick(actorIds)] : [],
      threatIds: r.some(threatIds, 2),
      regionIds: r.some(regionIds, 2),
      participants: r.some(actorIds, 2).map((actorId) => ({ actorId, role: null, rel: rel(`ip-${i}-${actorId}`) })),
    })),
  };
  return { fb: new FactBase(rows), rows: gapRows };
}

/** A question as the coverage grid asks it: every AFFECTS of the threat (or a subtype) in a region related to the asked one. */
function question(fb: FactBase, rows: GapRows, threatId: string, regionId: string): GapSituation {
  const threat = fb.threatFamily(threatId);
  const region = fb.regionFamily(regionId);
  const affects = rows.affects.filter((a) => {
    const t = relationTo(threat, a.threatId).kind;
    return (t === 'same' || t === 'below') && relationTo(region, a.regionId).kind !== 'none';
  });
  return { threat, region, affects };
}

/** Ties between two actors, an organ PART_OF costing none: shortest distances by Dijkstra on the links themselves. */
function distancesFrom(fb: FactBase, start: string): Map<string, number> {
  const graph = tieGraph(fb);
  const distance = new Map([[start, 0]]);
  const done = new Set<string>();
  for (;;) {
    let next: string | undefined;
    for (const [id, d] of distance) if (!done.has(id) && (next === undefined || d < (distance.get(next) as number))) next = id;
    if (next === undefined) return distance;
    done.add(next);
    for (const [other, links] of graph.get(next) ?? []) {
      const d = (distance.get(next) as number) + (links.some(isOrgan) ? 0 : 1);
      if (d < (distance.get(other) ?? Number.POSITIVE_INFINITY)) distance.set(other, d);
    }
  }
}

const ALL_KINDS: ReadonlySet<string> = new Set(GAP_KINDS);
const SEEDS = Array.from({ length: 40 }, (_, i) => i + 1);

describe('counting on integers equals positioning fact by fact', () => {
  it('every question of random graphs: positioned actors and each gap kind, at every hop bound', () => {
    const totals: Record<string, number> = { positioned: 0 };
    let questions = 0;
    for (const seed of SEEDS) {
      const { fb, rows } = randomGraph(seed);
      const counter = gapCounter(fb, rows);
      const regionIds = [...fb.regions.keys(), 'nowhere'];
      for (const threatId of fb.threatNames.keys()) {
        for (const regionId of regionIds) {
          const s = question(fb, rows, threatId, regionId);
          const positions = positionActors(fb, s, { standingOnly: true });
          const where = `seed ${seed}, ${threatId} in ${regionId}`;
          expect(counter.affected(threatId, regionId), where).toBe(s.affects.length > 0);
          for (let hops = 1; hops <= GAP_LIMITS.maxHops; hops++) {
            const fast = counter.count(threatId, regionId, s.affects.length > 0, hops, ALL_KINDS);
            const expected = Object.fromEntries(
              SITUATION_KINDS.map((kind) => [kind, situationGapsOf(kind, fb, rows, s, positions, hops).length]),
            );
            expect({ positioned: fast.positioned, ...fast.counts }, `${where}, ${hops} hops`).toEqual({
              positioned: positions.filter((p) => p.positioned).length,
              ...expected,
            });
            if (hops !== GAP_LIMITS.defaultHops) continue;
            totals.positioned = (totals.positioned as number) + fast.positioned;
            for (const [kind, n] of Object.entries(expected)) totals[kind] = (totals[kind] ?? 0) + n;
          }
          questions++;
        }
      }
    }
    // Not vacuous: the graphs give every kind of gap, many times.
    expect(questions).toBeGreaterThan(3000);
    console.log(`${questions} questions, at ${GAP_LIMITS.defaultHops} hops: ${JSON.stringify(totals)}`);
    for (const [kind, n] of Object.entries(totals)) expect(n, kind).toBeGreaterThan(20);
  }, 120_000);

  it('two actors are within hops of each other exactly when their distance in ties (organs costing none) is at most that', () => {
    let near = 0;
    for (const seed of SEEDS.slice(0, 10)) {
      const { fb } = randomGraph(seed);
      const ties = tieNetwork(fb);
      for (const a of ties.actors.list) {
        const distance = distancesFrom(fb, a);
        for (const b of ties.actors.list) {
          for (let hops = 1; hops <= GAP_LIMITS.maxHops; hops++) {
            const within = (distance.get(b) ?? Number.POSITIVE_INFINITY) <= hops;
            expect(ties.withinHops(ties.actors.of(a), ties.actors.of(b), hops), `seed ${seed}, ${a}-${b}, ${hops} hops`).toBe(within);
            if (within && a !== b) near++;
          }
        }
      }
    }
    expect(near).toBeGreaterThan(1000);
  }, 120_000);

  it('whole-graph gap counts equal the gaps the pages list, kind by kind, and grids count the same', () => {
    for (const seed of SEEDS.slice(0, 15)) {
      const { fb, rows } = randomGraph(seed);
      for (const hops of [1, 2, 3]) {
        const { counts, gaps } = detectGaps(fb, rows, { kinds: [...GAP_KINDS], hops });
        const listed = Object.fromEntries(GAP_KINDS.map((kind) => [kind, gaps.filter((g) => g.kind === kind).length]));
        expect(counts.byKind, `seed ${seed}, ${hops} hops`).toEqual(listed);
      }
      const grid = computeCoverage(fb, rows, { level: 'country', asOf: '2024-06-01' });
      for (const cell of grid.cells) {
        const s = question(fb, rows, cell.threat.id, cell.region.id);
        expect(cell.gaps.uncoordinated).toBe(
          situationGapsOf('uncoordinated', fb, rows, s, positionActors(fb, s, { standingOnly: true }), 2).length,
        );
      }
    }
  }, 120_000);
});
