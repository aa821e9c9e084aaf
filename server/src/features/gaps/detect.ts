import { isActingActorKind } from '@atlas/seed';
import type { FactBase } from '../positioning/factBase.js';
import { type Family, relationTo } from '../positioning/hierarchy.js';
import { AT_HOME_KINDS, fact, type RawFact } from '../positioning/model.js';
import { groupHead, linkFact, type Position, type Situation } from '../positioning/positioning.js';
import { articulationPoints, componentsWithout } from './articulation.js';
import type { AffectsRow, GapKind, GapRows, InitiativeRow, RawGap } from './model.js';
import { tieGraph, tieNetwork } from './ties.js';

/** A question gaps are looked for in: a threat in a region, and the AFFECTS fact that makes it one (if any). */
export interface GapSituation extends Situation {
  affects: AffectsRow[];
}

const EVIDENCE_PER_ACTOR = 2;

const named = (fb: FactBase, s: Situation) => ({
  threat: { id: s.threat.id, name: fb.threatName(s.threat.id) },
  region: { id: s.region.id, name: fb.regionName(s.region.id) },
});

function affectsFacts(fb: FactBase, s: GapSituation): RawFact[] {
  return s.affects.map((a) =>
    fact(
      () => `${fb.threatName(a.threatId)} affects ${fb.regionName(a.regionId)}`,
      () => [a.rel],
      () => [a.threatId, a.regionId],
    ),
  );
}

/** The facts that put an actor in position: its first mandate and presence facts. */
const standing = (p: Position): RawFact[] => [
  ...p.parts.mandate.facts.slice(0, EVIDENCE_PER_ACTOR),
  ...p.parts.presence.facts.slice(0, EVIDENCE_PER_ACTOR),
];

/** Gap 1: the threat affects the region and no actor has both a mandate and presence there. */
export function uncovered(fb: FactBase, s: GapSituation, positions: Position[]): RawGap[] {
  if (s.affects.length === 0 || positions.some((p) => p.positioned)) return [];
  const partial = positions.filter((p) => p.parts.mandate.score > 0 || p.parts.presence.score > 0);
  const n = named(fb, s);
  return [
    {
      kind: 'uncovered',
      ...n,
      actors: partial.map((p) => p.actorId),
      description:
        `${n.threat.name} affects ${n.region.name} and no actor has both a mandate covering it and presence there` +
        (partial.length > 0 ? ` (${partial.length} have one of the two)` : ''),
      evidence: [...affectsFacts(fb, s), ...partial.flatMap(standing)],
    },
  ];
}

/**
 * The pairs of positioned actors with no path of ties of at most `hops` between them, one pair per
 * pair of families (an organization with its organs): the family is not listed again and again.
 */
function uncoordinatedPairs(fb: FactBase, positions: Position[], hops: number): Array<[Position, Position]> {
  const positioned = positions.filter((p) => p.positioned).sort((a, b) => a.actorId.localeCompare(b.actorId));
  const ids = new Set(positioned.map((p) => p.actorId));
  // Families as small integers, a pair of families as one number: a grid checks millions of pairs,
  // and a string key per pair was most of this walk's time and garbage.
  const families = new Map<string, number>();
  const family = positioned.map((p) => {
    const head = groupHead(fb, p.actorId, ids);
    let n = families.get(head);
    if (n === undefined) {
      n = families.size;
      families.set(head, n);
    }
    return n;
  });
  const pairs: Array<[Position, Position]> = [];
  const reported = new Set<number>();
  const n = positioned.length;
  const ties = tieNetwork(fb);
  const index = positioned.map((p) => ties.actors.of(p.actorId));
  for (let i = 0; i < n; i++) {
    const a = positioned[i] as Position;
    const fa = family[i] as number;
    for (let j = i + 1; j < n; j++) {
      const b = positioned[j] as Position;
      const famB = family[j] as number;
      const key = fa < famB ? fa * n + famB : famB * n + fa;
      if (reported.has(key) || ties.withinHops(index[i] as number, index[j] as number, hops)) continue;
      reported.add(key);
      pairs.push([a, b]);
    }
  }
  return pairs;
}

/** Gap 2: pairs of positioned actors with no tie between them within `hops`. */
export function uncoordinated(fb: FactBase, s: GapSituation, positions: Position[], hops: number): RawGap[] {
  const n = named(fb, s);
  return uncoordinatedPairs(fb, positions, hops).map(([a, b]) => ({
    kind: 'uncoordinated' as const,
    ...n,
    actors: [a.actorId, b.actorId],
    description: `${fb.actorName(a.actorId)} and ${fb.actorName(b.actorId)} are both positioned for ${n.threat.name} in ${n.region.name}, with no agreement, partnership, shared initiative or dialogue between them or their organs within ${hops} hop${hops === 1 ? '' : 's'}`,
    evidence: [...standing(a), ...standing(b)],
  }));
}

/** Gap 3: an actor present (itself, in the region or a part of it) where the threat affects it, with no mandate covering it. */
function presentWithoutMandate(fb: FactBase, s: GapSituation, positions: Position[]): Position[] {
  // A threat affecting the whole world would blame every organization present anywhere; this gap is about a place.
  if (s.affects.length === 0 || fb.regions.get(s.region.id)?.kind === 'world') return [];
  return positions.filter(
    (p) => p.directPresence && p.parts.mandate.score === 0 && !AT_HOME_KINDS.has(fb.actors.get(p.actorId)?.kind ?? ''),
  );
}

export function presenceWithoutMandate(fb: FactBase, s: GapSituation, positions: Position[]): RawGap[] {
  const n = named(fb, s);
  return presentWithoutMandate(fb, s, positions).map((p) => ({
    kind: 'presence-without-mandate' as const,
    ...n,
    actors: [p.actorId],
    description:
      `${fb.actorName(p.actorId)} is present where ${n.threat.name} affects ${n.region.name}, and no mandate of its own or inherited covers it` +
      (p.lackFacts.length > 0 ? ' (a lack of mandate is stated)' : ''),
    evidence: [...affectsFacts(fb, s), ...p.parts.presence.facts, ...p.lackFacts],
  }));
}

/** The undirected network of positioned actors and the ties among them. */
function responderNetwork(fb: FactBase, positions: Position[]) {
  const nodes = positions.filter((p) => p.positioned).map((p) => p.actorId);
  const inside = new Set(nodes);
  const graph = tieGraph(fb);
  const edges: Array<[string, string]> = [];
  for (const a of nodes) for (const b of graph.get(a)?.keys() ?? []) if (inside.has(b) && a < b) edges.push([a, b]);
  return { nodes, inside, graph, edges };
}

/** Articulation points that are actors that act (not an architecture such as APSA), sorted. */
const actingPoints = (fb: FactBase, nodes: string[], edges: Array<[string, string]>): string[] =>
  [...articulationPoints(nodes, edges)].filter((id) => isActingActorKind(fb.actors.get(id)?.kind ?? '')).sort();

/** Gap 5: actors that act whose removal disconnects the network of positioned actors (articulation points). */
export function singlePointsOfFailure(fb: FactBase, s: GapSituation, positions: Position[]): RawGap[] {
  const { nodes, inside, graph, edges } = responderNetwork(fb, positions);
  const n = named(fb, s);
  return actingPoints(fb, nodes, edges).map((point) => {
    const groups = componentsWithout(nodes, edges, point).map((c) => c.map((id) => fb.actorName(id)).join(', '));
    const links = [...(graph.get(point) ?? [])].filter(([other]) => inside.has(other)).flatMap(([, ls]) => ls);
    return {
      kind: 'single-point-of-failure' as const,
      ...n,
      actors: [point],
      description: `Without ${fb.actorName(point)}, the actors positioned for ${n.threat.name} in ${n.region.name} fall apart into ${groups.length} groups: ${groups.map((g) => `{${g}}`).join(' | ')}`,
      evidence: links.map((l) => linkFact(fb, l)),
    };
  });
}

/** The kinds found per threat-region question, in answer order, each with its detector. */
export const SITUATION_KINDS = [
  'uncovered',
  'uncoordinated',
  'presence-without-mandate',
  'single-point-of-failure',
  'unfunded',
  'no-funding-recorded',
] as const satisfies readonly GapKind[];
export type SituationKind = (typeof SITUATION_KINDS)[number];

export function situationGapsOf(
  kind: SituationKind,
  fb: FactBase,
  rows: GapRows,
  s: GapSituation,
  positions: Position[],
  hops: number,
): RawGap[] {
  switch (kind) {
    case 'uncovered':
      return uncovered(fb, s, positions);
    case 'uncoordinated':
      return uncoordinated(fb, s, positions, hops);
    case 'presence-without-mandate':
      return presenceWithoutMandate(fb, s, positions);
    case 'single-point-of-failure':
      return singlePointsOfFailure(fb, s, positions);
    default:
      return unfundedSituation(fb, rows, s).filter((g) => g.kind === kind);
  }
}

const touches = (family: Family | undefined, ids: string[]) => !family || ids.some((id) => relationTo(family, id).kind !== 'none');

/** Regional and sub-regional organizations present in the region's family with no civil-society early-warning data provider. */
const withoutDataProvider = (rows: GapRows, region?: Family) =>
  rows.organizations.filter(
    (o) =>
      o.providers.length === 0 &&
      touches(
        region,
        o.presence.map((p) => p.regionId),
      ),
  );

/** How many early-warning gaps a region has (coverage), nothing built. */
export const countEarlyWarningGaps = (rows: GapRows, region?: Family): number => withoutDataProvider(rows, region).length;

/** Gap 4: regional and sub-regional organizations with no civil-society early-warning data provider. */
export function earlyWarningGaps(fb: FactBase, rows: GapRows, region?: Family): RawGap[] {
  return withoutDataProvider(rows, region).map((o) => ({
    kind: 'early-warning' as const,
    ...(region ? { region: { id: region.id, name: fb.regionName(region.id) } } : {}),
    actors: [o.actorId],
    description: `${fb.actorName(o.actorId)} has no civil-society organization providing it early-warning data (no PROVIDES_DATA_TO from civil society, no civil-society data provider in its initiatives)`,
    evidence: o.presence.map((p) =>
      fact(
        () => `${fb.actorName(o.actorId)} is present in ${fb.regionName(p.regionId)}`,
        () => [p.rel],
        () => [o.actorId, p.regionId],
      ),
    ),
  }));
}

const participationFacts = (fb: FactBase, i: InitiativeRow): RawFact[] =>
  i.participants.map((p) =>
    fact(
      () => `${fb.actorName(p.actorId)} takes part${p.role ? ` as ${p.role}` : ''} in ${i.initiative.name}`,
      () => [p.rel],
      () => [p.actorId, i.initiative.id],
    ),
  );

/** Does the initiative bear on the threat and the region (the threat, a subtype or a broader one; the region, a part or a containing one)? */
const bearsOn = (i: InitiativeRow, threat?: Family, region?: Family) => touches(threat, i.threatIds) && touches(region, i.regionIds);

/** Gap 7 (a data gap): initiatives with no funding recorded (no FUNDS, no participant in the funder role): unknown, not unfunded. */
export function unrecordedFunding(fb: FactBase, rows: GapRows, threat?: Family, region?: Family): RawGap[] {
  return rows.initiatives
    .filter((i) => i.funders.length === 0 && bearsOn(i, threat, region))
    .map((i) => ({
      kind: 'no-funding-recorded' as const,
      actors: i.participants.map((p) => p.actorId),
      description: `No funding is recorded for ${i.initiative.name} (no FUNDS relationship, no participant in the funder role): the graph does not say whether it is funded`,
      evidence: participationFacts(fb, i),
    }));
}

/**
 * Gap 6: a threat affecting a region with no funded initiative targeting it there. When
 * initiatives target it but none has funding recorded, that is a data gap (no-funding-recorded);
 * 'unfunded' is kept for places no initiative targets at all.
 */
export function unfundedSituation(fb: FactBase, rows: GapRows, s: GapSituation): RawGap[] {
  if (s.affects.length === 0) return [];
  const relevant = rows.initiatives.filter((i) => bearsOn(i, s.threat, s.region));
  if (relevant.some((i) => i.funders.length > 0)) return [];
  const n = named(fb, s);
  const unknown = relevant.length > 0;
  return [
    {
      kind: unknown ? 'no-funding-recorded' : 'unfunded',
      ...n,
      actors: [],
      description: unknown
        ? `${n.threat.name} affects ${n.region.name}; ${relevant.length} initiative${relevant.length === 1 ? '' : 's'} target it there, none with funding recorded: ${relevant.map((i) => i.initiative.name).join('; ')}`
        : `${n.threat.name} affects ${n.region.name} and no initiative targets it there, so none is funded`,
      evidence: [...affectsFacts(fb, s), ...relevant.flatMap((i) => participationFacts(fb, i))],
    },
  ];
}
