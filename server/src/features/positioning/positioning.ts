import { isActingActorKind } from '@atlas/seed';
import type { GraphNode } from '../graph/model.js';
import type { FactBase } from './factBase.js';
import { type Family, MAX_DEPTH, type Relation, relationTo } from './hierarchy.js';
import {
  type ActorHierarchyRow,
  AT_HOME_KINDS,
  fact,
  type InstrumentRow,
  isOrgan,
  type LinkRow,
  type Member,
  type MembershipRow,
  type Part,
  type PartName,
  type PresenceTier,
  type RawFact,
  type RelRef,
  type Responder,
  type Weights,
} from './model.js';
import {
  CONSTRAINED_FACTOR,
  combine,
  DATA_PROVIDER_ROLE,
  FEED_TO_UNPOSITIONED,
  INHERITED_MANDATE_FACTOR,
  INITIATIVE_PRESENCE_FACTOR,
  instrumentThreatFactor,
  MEMBER_PRESENCE_FACTOR,
  mandateRegionFactor,
  mandateThreatFactor,
  noisyOr,
  presenceFactor,
  roleWeight,
  round4,
  tiesScore,
} from './scoring.js';

/** Depth of the PART_OF / MEMBER_OF walk through which a mandate is inherited. */
export const INHERITANCE_DEPTH = 3;
const MEMBER_NAMES_SHOWN = 5;

/** A question: a threat (with its family) in a region (with its family). */
export interface Situation {
  threat: Family;
  region: Family;
}

/** One actor's standing on a question before weights: part scores, facts, and what it lacks. */
export interface Position {
  actorId: string;
  parts: Record<PartName, { score: number; facts: RawFact[]; inherited?: boolean }>;
  /** Present in the region itself or a part of it through its own OPERATES_IN (not a containing region, not member states). */
  directPresence: boolean;
  /** How it is there: field presence, reach through member states, a global remit only, or not at all. */
  presenceTier: PresenceTier;
  lacks: string[];
  lackFacts: RawFact[];
  positioned: boolean;
}

// ---------- phrases ----------

function threatPhrase(fb: FactBase, s: Situation, id: string, rel: Relation): string {
  const name = fb.threatName(id);
  const asked = fb.threatName(s.threat.id);
  if (rel.kind === 'below') return `${name} (a kind of ${asked})`;
  if (rel.kind === 'above') return `${name} (which includes ${asked})`;
  return name;
}

function regionPhrase(fb: FactBase, s: Situation, id: string, rel: Relation): string {
  const name = fb.regionName(id);
  const asked = fb.regionName(s.region.id);
  if (rel.kind === 'below') return `${name}, part of ${asked}`;
  if (rel.kind === 'above') return `${name}, which contains ${asked}`;
  return name;
}

/** A tie between two actors told as a sentence. */
export function linkText(fb: FactBase, link: LinkRow): string {
  const a = fb.actorName(link.fromId);
  const b = fb.actorName(link.toId);
  const often = link.frequency ? ` (${link.frequency})` : '';
  switch (link.type) {
    case 'DIALOGUE_WITH':
      return `${a} holds dialogues with ${b}${often}`;
    case 'PROVIDES_DATA_TO':
      return `${a} provides data to ${b}${often}`;
    case 'SUPPORTS':
      return `${a} supports ${b}`;
    case 'PART_OF':
      return `${a} is part of ${b}`;
    case 'MEMBER_OF':
      return `${a} is a member of ${b}`;
    case 'SHARED_AGREEMENT':
      return `${a} and ${b} are both party to ${link.via?.name ?? 'an agreement'}`;
    default:
      return `${a} and ${b} both take part in ${link.via?.name ?? 'an initiative'}`;
  }
}

export const linkFact = (fb: FactBase, link: LinkRow): RawFact =>
  fact(
    () => linkText(fb, link),
    link.rels,
    () => (link.via ? [link.fromId, link.via.id, link.toId] : [link.fromId, link.toId]),
  );

// ---------- reach through membership ----------

/**
 * The member list that bounds an actor's reach: its own, or that of the nearest organization it is
 * part of (an organ acts where its organization's members are); null when none has one (UN
 * bodies, civil society): their reach is the regions their facts name.
 */
export function reachBasis(fb: FactBase, actorId: string): MembershipRow | null {
  return fb.cached('reachBasis', '', actorId, () => {
    const seen = new Set<string>();
    let frontier = [actorId];
    for (let depth = 0; depth <= INHERITANCE_DEPTH && frontier.length > 0; depth++) {
      for (const id of frontier) {
        const list = fb.membershipsByOrg.get(id);
        if (list) return list;
      }
      const next: string[] = [];
      for (const id of frontier) {
        seen.add(id);
        for (const e of fb.hierarchyUp.get(id) ?? []) if (isOrgan(e) && !seen.has(e.toId)) next.push(e.toId);
      }
      frontier = next;
    }
    return null;
  });
}

/** The basis's members on the date asked whose countries lie in the area (or are it). */
function membersWithin(fb: FactBase, areaId: string, basis: MembershipRow): Member[] {
  return fb.cached('membersIn', areaId, basis.orgId, () => {
    const inside = fb.regionFamily(areaId).below;
    return basis.members.filter((m) => m.current && m.regionIds.some((r) => inside.has(r)));
  });
}

/**
 * Whether a fact at a region reaches the asked region. For an organization with members (or its
 * organs) only where one of its members on the date asked is, in the asked region or in the
 * fact's region when that lies inside it: ECOWAS's West Africa stops at Burkina Faso from
 * 29 January 2025 and never included Mauritania; the OAS's Nicaragua ends on 19 November 2023.
 */
function reaches(fb: FactBase, s: Situation, actorId: string, regionId: string, relation: Relation): boolean {
  const basis = reachBasis(fb, actorId);
  if (!basis) return true;
  return membersWithin(fb, relation.kind === 'above' ? s.region.id : regionId, basis).length > 0;
}

/** "Burkina Faso (member until 2025-01-29)": a derived presence carries its membership's dates. */
function memberName(fb: FactBase, m: Member): string {
  const dates = [m.validFrom ? `since ${m.validFrom}` : '', m.validTo ? `until ${m.validTo}` : ''].filter(Boolean).join(', ');
  return dates ? `${fb.actorName(m.stateId)} (member ${dates})` : fb.actorName(m.stateId);
}

// ---------- mandate ----------

interface MandateResult {
  score: number;
  facts: RawFact[];
  lackFacts: RawFact[];
  /** A mandate covers the threat in a region containing the asked one, but the holder has no member there on the date asked. */
  outOfReach?: boolean;
}

const NO_MANDATE: MandateResult = { score: 0, facts: [], lackFacts: [] };

/**
 * Actors' own mandates on one question (positionActors makes one per call): every organ of a
 * family asks for its relatives' mandates, so without it a family of n organs computed them n
 * times. Kept per call, not in the fact base, so a grid neither builds a key per lookup nor keeps
 * every cell's results alive.
 */
type OwnMandates = Map<string, MandateResult>;

function ownMandate(fb: FactBase, s: Situation, actorId: string, memo: OwnMandates): MandateResult {
  if (!fb.mandatesByActor.has(actorId)) return NO_MANDATE;
  let result = memo.get(actorId);
  if (!result) {
    result = computeOwnMandate(fb, s, actorId);
    memo.set(actorId, result);
  }
  return result;
}

function computeOwnMandate(fb: FactBase, s: Situation, actorId: string): MandateResult {
  const result: MandateResult = { score: 0, facts: [], lackFacts: [] };
  for (const row of fb.mandatesByActor.get(actorId) ?? []) {
    const tRel = relationTo(s.threat, row.threatId);
    const rRel = relationTo(s.region, row.regionId);
    const factor = mandateThreatFactor(tRel) * mandateRegionFactor(rRel);
    if (factor === 0) continue;
    if (row.reach === 'membership' && !reaches(fb, s, actorId, row.regionId, rRel)) {
      if (row.relation === 'HAS_MANDATE') result.outOfReach = true;
      continue;
    }
    const path = () => [actorId, row.mandate.id, row.threatId, row.regionId];
    const scope = () => `covering ${threatPhrase(fb, s, row.threatId, tRel)} and applying in ${regionPhrase(fb, s, row.regionId, rRel)}`;
    if (row.relation === 'LACKS_MANDATE') {
      result.lackFacts.push(
        fact(() => `${fb.actorName(actorId)} is stated to lack a mandate: ${row.mandate.name} (${scope()})`, row.rels, path),
      );
      continue;
    }
    result.score = Math.max(result.score, factor);
    result.facts.push(fact(() => `${fb.actorName(actorId)} holds the mandate "${row.mandate.name}", ${scope()}`, row.rels, path));
  }
  return result;
}

interface Walked {
  actorId: string;
  steps: ActorHierarchyRow[];
  /** The actors along the chain, from the starting actor to this one. */
  nodes: string[];
}

/** Actors related through PART_OF / MEMBER_OF chains in one direction (the wholes above, or the organs below). */
export function relatives(fb: FactBase, actorId: string, direction: 'up' | 'down'): Walked[] {
  return fb.cached('relatives', direction, actorId, () => walkRelatives(fb, actorId, direction));
}

function walkRelatives(fb: FactBase, actorId: string, direction: 'up' | 'down'): Walked[] {
  const index = direction === 'up' ? fb.hierarchyUp : fb.hierarchyDown;
  const found: Walked[] = [];
  const seen = new Set([actorId]);
  let frontier: Walked[] = [{ actorId, steps: [], nodes: [actorId] }];
  for (let depth = 1; depth <= INHERITANCE_DEPTH && frontier.length > 0; depth++) {
    const next: Walked[] = [];
    for (const w of frontier) {
      for (const edge of index.get(w.actorId) ?? []) {
        if (edge.type === 'PART_OF' && !isOrgan(edge)) continue;
        const other = direction === 'up' ? edge.toId : edge.fromId;
        if (seen.has(other)) continue;
        seen.add(other);
        const walked = { actorId: other, steps: [...w.steps, edge], nodes: [...w.nodes, other] };
        next.push(walked);
        found.push(walked);
      }
    }
    frontier = next;
  }
  return found;
}

const stepText = (fb: FactBase, e: ActorHierarchyRow) =>
  `${fb.actorName(e.fromId)} is ${e.type === 'PART_OF' ? 'part of' : 'a member of'} ${fb.actorName(e.toId)}`;

const DIRECTIONS = ['up', 'down'] as const;

function mandate(fb: FactBase, s: Situation, actorId: string, memo: OwnMandates): MandateResult & { inherited: boolean } {
  const own = ownMandate(fb, s, actorId, memo);
  let inheritedScore = 0;
  const holders: Array<{ w: Walked; held: MandateResult }> = [];
  for (const direction of DIRECTIONS) {
    for (const w of relatives(fb, actorId, direction)) {
      const held = ownMandate(fb, s, w.actorId, memo);
      if (held.score === 0) continue;
      inheritedScore = Math.max(inheritedScore, held.score * INHERITED_MANDATE_FACTOR);
      holders.push({ w, held });
    }
  }
  const score = Math.max(own.score, inheritedScore);
  const inherited = own.score === 0 && inheritedScore > 0;
  // Own facts first; inherited ones only when they decide the score (else they would only add noise).
  const facts = inherited ? holders.flatMap(({ w, held }) => held.facts.map((f) => inheritedFact(fb, actorId, w, f))) : own.facts;
  return { score, facts, lackFacts: own.lackFacts, inherited, outOfReach: own.outOfReach };
}

const inheritedFact = (fb: FactBase, actorId: string, w: Walked, f: RawFact): RawFact =>
  fact(
    () => `${fb.actorName(actorId)} inherits a mandate (${w.steps.map((e) => stepText(fb, e)).join('; ')}): ${f.text}`,
    () => [...w.steps.map((e) => e.rel), ...f.rels],
    () => [...new Set([...w.nodes, ...f.path])],
  );

// ---------- presence ----------

interface PresenceResult {
  score: number;
  facts: RawFact[];
  direct: boolean;
  tier: PresenceTier;
  containingOnly: string | null;
  constrained: string[];
}

const isWorld = (fb: FactBase, regionId: string) => fb.regions.get(regionId)?.kind === 'world';

/** Reach through member states on the date asked: one fact naming them, with their membership dates. */
function memberPresence(fb: FactBase, s: Situation, actorId: string): RawFact | null {
  const list = fb.membershipsByOrg.get(actorId);
  const members = list ? membersWithin(fb, s.region.id, list) : [];
  if (members.length === 0) return null;
  return fact(
    () => {
      const names = members.map((m) => memberName(fb, m)).sort();
      const shown = names.slice(0, MEMBER_NAMES_SHOWN).join(', ');
      const more = names.length > MEMBER_NAMES_SHOWN ? ` and ${names.length - MEMBER_NAMES_SHOWN} more` : '';
      const one = names.length === 1;
      return `${names.length} member state${one ? '' : 's'} of ${fb.actorName(actorId)} ${one ? 'is' : 'are'} in ${fb.regionName(s.region.id)}: ${shown}${more}`;
    },
    () => members.map((m) => m.rel),
    () => [actorId, ...members.map((m) => m.stateId)],
  );
}

function presenceIn(fb: FactBase, s: Situation, actorId: string): PresenceResult {
  const me = () => fb.actorName(actorId);
  const facts: RawFact[] = [];
  const constrained: string[] = [];
  let own = 0;
  let direct = false;
  let global = false;
  let constrainedBase = 0;
  let containing: string | null = null;
  for (const row of fb.presenceByActor.get(actorId) ?? []) {
    const rel = relationTo(s.region, row.regionId);
    const factor = presenceFactor(rel);
    if (factor === 0 || !reaches(fb, s, actorId, row.regionId, rel)) continue;
    const path = () => [actorId, row.regionId];
    const rels = () => [row.rel];
    if (row.relation === 'CONSTRAINED_IN') {
      constrainedBase = Math.max(constrainedBase, factor);
      const why = row.reason ? ` (${row.reason})` : '';
      constrained.push(`constrained in ${fb.regionName(row.regionId)}${why}`);
      facts.push(fact(() => `${me()} is constrained in ${regionPhrase(fb, s, row.regionId, rel)}${why}`, rels, path));
      continue;
    }
    // A presence at world level is a remit, not a presence on the ground: shown apart, scores nothing.
    if (rel.kind === 'above' && isWorld(fb, row.regionId)) {
      global = true;
      const text = () =>
        `${me()} has a global remit (present in ${fb.regionName(row.regionId)}), no field presence in ${fb.regionName(s.region.id)}`;
      facts.push(fact(text, rels, path, { remit: true }));
      continue;
    }
    own = Math.max(own, factor);
    if (rel.kind === 'above') containing ??= fb.regionName(row.regionId);
    else if (!isWorld(fb, row.regionId)) direct = true;
    facts.push(fact(() => `${me()} is present in ${regionPhrase(fb, s, row.regionId, rel)}`, rels, path));
  }
  const members = memberPresence(fb, s, actorId);
  if (members) facts.push(members);
  const memberScore = members ? MEMBER_PRESENCE_FACTOR : 0;
  const base = Math.max(own, memberScore, constrainedBase);
  const field = own > 0 || constrainedBase > 0;
  return {
    score: constrained.length > 0 ? base * CONSTRAINED_FACTOR : base,
    facts,
    direct,
    tier: field ? 'field' : members ? 'members' : global ? 'global' : 'none',
    containingOnly: !direct && containing ? containing : null,
    constrained,
  };
}

// ---------- instruments ----------

interface InstrumentsResult {
  score: number;
  facts: RawFact[];
  dataProvider: RawFact[];
  /** Initiatives spanning the region itself or a part of it: the actor is active there. */
  activeIn: RawFact[];
}

function instrumentFact(
  fb: FactBase,
  s: Situation,
  actorId: string,
  row: InstrumentRow,
  tRel: Relation,
  span: { regionId: string; rel: RelRef; relation: Relation } | null,
): RawFact {
  const text = () => {
    const role = row.relation === 'PARTICIPATES_IN' ? row.role : null;
    const how = row.relation === 'PARTY_TO' ? 'is party to' : `takes part${role ? ` as ${role}` : ''} in`;
    const where = span ? ` and spans ${regionPhrase(fb, s, span.regionId, span.relation)}` : '';
    return `${fb.actorName(actorId)} ${how} ${row.instrument.name}, which targets ${threatPhrase(fb, s, row.threatId, tRel)}${where}`;
  };
  return span
    ? fact(
        text,
        () => [...row.rels, span.rel],
        () => [actorId, row.instrument.id, row.threatId, span.regionId],
      )
    : fact(text, row.rels, () => [actorId, row.instrument.id, row.threatId]);
}

/**
 * `inPicture`: the actor has a mandate or presence for the question. Agreements carry no geography,
 * so they count only then (or beside an initiative in the region), and never put an actor there.
 */
function instruments(fb: FactBase, s: Situation, actorId: string, inPicture: boolean): InstrumentsResult {
  const best = new Map<string, { value: number; fact: RawFact; role: string | null; active: boolean; spanned: boolean }>();
  for (const row of fb.instrumentsByActor.get(actorId) ?? []) {
    const tRel = relationTo(s.threat, row.threatId);
    const tf = instrumentThreatFactor(tRel);
    if (tf === 0) continue;
    let rf = 1;
    let span: { regionId: string; rel: RelRef; relation: Relation } | null = null;
    if (row.instrument.label === 'Initiative') {
      rf = 0;
      for (const sp of row.spans) {
        const relation = relationTo(s.region, sp.regionId);
        const f = reaches(fb, s, actorId, sp.regionId, relation) ? presenceFactor(relation) : 0;
        if (f > rf) {
          rf = f;
          span = { ...sp, relation };
        }
      }
      if (rf === 0) continue;
    }
    const role = row.relation === 'PARTICIPATES_IN' ? row.role : null;
    const value = roleWeight(role) * tf * rf;
    const previous = best.get(row.instrument.id);
    if (previous && previous.value >= value) continue;
    best.set(row.instrument.id, {
      value,
      role,
      active: span !== null && (span.relation.kind === 'same' || span.relation.kind === 'below'),
      spanned: span !== null,
      fact: instrumentFact(fb, s, actorId, row, tRel, span),
    });
  }
  const items = [...best.values()];
  if (!inPicture && !items.some((i) => i.spanned)) return NO_INSTRUMENTS;
  return {
    score: noisyOr(items.map((i) => i.value)),
    facts: items.map((i) => i.fact),
    dataProvider: items.filter((i) => i.role === 'data-provider').map((i) => i.fact),
    activeIn: items.filter((i) => i.active).map((i) => i.fact),
  };
}

/** The actors taking part in an initiative spanning the region or a part of it, once per region. */
const initiativesWithin = (fb: FactBase, s: Situation): Set<string> =>
  fb.cached('initiativesWithin', s.region.id, '', () => {
    const found = new Set<string>();
    for (const regionId of s.region.below.keys()) for (const a of fb.initiativeActorsByRegion.get(regionId) ?? []) found.add(a);
    return found;
  });

/**
 * Whether the actor takes part in an initiative on the threat that spans the region or a part of
 * it, where it reaches (what makes `instruments` list it in `activeIn`), without building anything:
 * gaps and coverage need instruments only then.
 */
function activeInitiative(fb: FactBase, s: Situation, actorId: string): boolean {
  if (!initiativesWithin(fb, s).has(actorId)) return false;
  for (const row of fb.instrumentsByActor.get(actorId) ?? []) {
    if (row.instrument.label !== 'Initiative' || instrumentThreatFactor(relationTo(s.threat, row.threatId)) === 0) continue;
    for (const sp of row.spans) {
      const relation = relationTo(s.region, sp.regionId);
      if ((relation.kind === 'same' || relation.kind === 'below') && reaches(fb, s, actorId, sp.regionId, relation)) return true;
    }
  }
  return false;
}

/**
 * Taking part in an initiative that spans the region (or a part of it) is field presence there,
 * discounted: the note's "PBSO supported efforts in Burkina Faso" must not sit beside "no presence
 * in Burkina Faso". Computed per question (it depends on the threat the initiative targets).
 */
function withInitiativePresence(p: PresenceResult, i: InstrumentsResult): PresenceResult {
  if (p.tier === 'field' || i.activeIn.length === 0) return p;
  return {
    ...p,
    score: Math.max(p.score, INITIATIVE_PRESENCE_FACTOR),
    tier: 'field',
    containingOnly: null,
    facts: [...p.facts.filter((f) => !f.remit), ...i.activeIn],
  };
}

// ---------- candidates and positions ----------

/**
 * Actors with a mandate, presence or initiative fact in the region's family, and the relatives a
 * mandate passes to. Agreements carry no geography: they count for these actors, never make one.
 */
export function candidatesFor(fb: FactBase, region: Family): string[] {
  return fb.cached('candidates', region.id, '', () => findCandidates(fb, region));
}

function findCandidates(fb: FactBase, region: Family): string[] {
  const found = new Set<string>();
  for (const regionId of [...region.below.keys(), ...region.above.keys()]) {
    for (const a of fb.actorsByRegion.get(regionId) ?? []) found.add(a);
  }
  for (const a of [...found]) {
    if (!fb.mandatesByActor.has(a)) continue;
    for (const direction of DIRECTIONS) for (const w of relatives(fb, a, direction)) found.add(w.actorId);
  }
  // Member states are not ranked (their presence counts for their organizations), nor frameworks
  // such as APSA (their organs act): SCORING.md.
  return [...found].filter((a) => {
    const kind = fb.actors.get(a)?.kind ?? '';
    return fb.actors.has(a) && kind !== 'member-state' && isActingActorKind(kind);
  });
}

/** Candidates in id order, sorted once per region (a grid asks for them once per threat). */
const sortedCandidates = (fb: FactBase, s: Situation): string[] =>
  fb.cached('sortedCandidates', s.region.id, '', () => [...candidatesFor(fb, s.region)].sort());

/** An actor's presence in the region (it does not depend on the threat: remembered per region). */
function presenceOf(fb: FactBase, s: Situation, actorId: string, presenceHere: Map<string, PresenceResult>): PresenceResult {
  let own = presenceHere.get(actorId);
  if (!own) {
    own = presenceIn(fb, s, actorId);
    presenceHere.set(actorId, own);
  }
  return own;
}

const NO_INSTRUMENTS: InstrumentsResult = { score: 0, facts: [], dataProvider: [], activeIn: [] };

/**
 * Positions of the candidates on one question. `standingOnly` (gaps, coverage) computes mandate and
 * presence alone, which is all the gap kinds and the positioned count need, and is much cheaper on
 * large graphs; instruments, data feeds, ties and lacks are then left empty. Gap counts and
 * coverage grids count on integers instead (standing.ts, gaps/counting.ts), to the same numbers.
 */
export function positionActors(fb: FactBase, s: Situation, { standingOnly = false } = {}): Position[] {
  const threat = fb.threatName(s.threat.id).toLowerCase();
  const region = fb.regionName(s.region.id);
  // Sorted ids: the order must not depend on how Neo4j happened to return rows (which changes when
  // unrelated, hidden nodes exist), or answers for one clearance would differ with hidden data.
  const memo: OwnMandates = new Map();
  const presenceHere = fb.memo<PresenceResult>('presence', s.region.id);
  const first = [];
  for (const actorId of sortedCandidates(fb, s)) {
    const own = presenceOf(fb, s, actorId, presenceHere);
    // Gaps and coverage skip instruments, except where an initiative is the only sign of presence.
    const active = standingOnly && own.tier !== 'field' && activeInitiative(fb, s, actorId);
    const m = mandate(fb, s, actorId, memo);
    const inPicture = m.score > 0 || own.score > 0;
    const i = !standingOnly || active ? instruments(fb, s, actorId, inPicture) : NO_INSTRUMENTS;
    const p = withInitiativePresence(own, i);
    first.push({ actorId, m, p, i: standingOnly ? NO_INSTRUMENTS : i });
  }
  // A judiciary in its own country, with no mandate or instrument on the threat, is not a responder to it.
  const relevant = first.filter(
    ({ actorId, m, p, i }) => m.score > 0 || i.score > 0 || (p.score > 0 && !AT_HOME_KINDS.has(fb.actors.get(actorId)?.kind ?? '')),
  );
  const positioned = new Set(relevant.filter(({ m, p }) => m.score > 0 && p.score > 0).map((r) => r.actorId));
  if (standingOnly) {
    return relevant.map(({ actorId, m, p }) => ({
      actorId,
      parts: {
        mandate: { score: m.score, facts: [...m.facts, ...m.lackFacts], inherited: m.inherited },
        presence: { score: p.score, facts: p.facts },
        instruments: { score: 0, facts: [] },
        dataFeeds: { score: 0, facts: [] },
        ties: { score: 0, facts: [] },
      },
      directPresence: p.direct,
      presenceTier: p.tier,
      lacks: [],
      lackFacts: m.lackFacts,
      positioned: positioned.has(actorId),
    }));
  }

  return relevant.map(({ actorId, m, p, i }) => {
    const links = fb.linksByActor.get(actorId) ?? [];
    const feedFacts: RawFact[] = [...i.dataProvider];
    const feedValues: number[] = i.dataProvider.map(() => DATA_PROVIDER_ROLE);
    for (const l of links) {
      if (l.type !== 'PROVIDES_DATA_TO') continue;
      const other = l.fromId === actorId ? l.toId : l.fromId;
      feedValues.push(positioned.has(other) ? 1 : FEED_TO_UNPOSITIONED);
      feedFacts.push(linkFact(fb, l));
    }
    const tied = new Set<string>();
    const tieFacts: RawFact[] = [];
    for (const l of links) {
      const other = l.fromId === actorId ? l.toId : l.fromId;
      if (other === actorId || !positioned.has(other)) continue;
      tied.add(other);
      tieFacts.push(linkFact(fb, l));
    }

    const lacks: string[] = [];
    if (m.score === 0) {
      lacks.push(
        m.outOfReach
          ? `its mandate covering ${threat} does not reach ${region} (no member state there on the date asked)`
          : `no mandate covering ${threat}`,
      );
      if (p.score > 0) lacks.push('present, no mandate');
    } else if (m.inherited) lacks.push('mandate only inherited');
    else if (m.score < 1) lacks.push(`mandate applies only in part of ${region}`);
    for (const f of m.lackFacts)
      lacks.push(f.text.replace(`${fb.actorName(actorId)} is stated to lack a mandate: `, 'stated lack of mandate: '));
    if (p.tier === 'global') lacks.push(`global remit, no field presence in ${region}`);
    else if (p.score === 0) lacks.push(`no presence in ${region}`);
    else if (p.tier === 'members') lacks.push(`present in ${region} only through member states`);
    else if (p.containingOnly) lacks.push(`no presence in ${region} itself (present in ${p.containingOnly})`);
    lacks.push(...p.constrained);
    if (i.score === 0) lacks.push(`no initiative or agreement targeting ${threat} in ${region}`);
    if (feedValues.length === 0) lacks.push('no early-warning data feed');
    if (tied.size === 0) lacks.push('no ties to other positioned actors');

    return {
      actorId,
      parts: {
        mandate: { score: m.score, facts: [...m.facts, ...m.lackFacts], inherited: m.inherited },
        presence: { score: p.score, facts: p.facts },
        instruments: { score: i.score, facts: i.facts },
        dataFeeds: { score: noisyOr(feedValues), facts: feedFacts },
        ties: { score: tiesScore(tied.size), facts: tieFacts },
      },
      directPresence: p.direct,
      presenceTier: p.tier,
      lacks,
      lackFacts: m.lackFacts,
      positioned: positioned.has(actorId),
    };
  });
}

/**
 * The actor a row is grouped under: the topmost actor in the list it is an organ of (through
 * organ PART_OF links, not components); itself when none is in the list.
 */
export function groupHead(fb: FactBase, actorId: string, listed: Set<string>): string {
  let head = actorId;
  const seen = new Set([actorId]);
  let frontier = [actorId];
  for (let depth = 1; depth <= MAX_DEPTH && frontier.length > 0; depth++) {
    const next: string[] = [];
    for (const id of frontier) {
      for (const e of fb.hierarchyUp.get(id) ?? []) {
        if (!isOrgan(e) || seen.has(e.toId)) continue;
        seen.add(e.toId);
        if (listed.has(e.toId)) head = e.toId;
        next.push(e.toId);
      }
    }
    frontier = next;
  }
  return head;
}

const onGround = (p: Position) => p.presenceTier === 'field' || p.presenceTier === 'members';

function scoreOf(pos: Position, weights: Weights) {
  const partScores = Object.fromEntries(Object.entries(pos.parts).map(([k, v]) => [k, v.score])) as Record<PartName, number>;
  const { score, contributions } = combine(partScores, weights);
  const breakdown = Object.fromEntries(
    Object.entries(pos.parts).map(([k, v]) => {
      const name = k as PartName;
      const part: Part<RawFact> = {
        score: round4(v.score),
        weight: round4(weights[name]),
        contribution: round4(contributions[name]),
        facts: v.facts,
      };
      if (name === 'mandate') part.inherited = v.inherited ?? false;
      return [name, part];
    }),
  ) as Record<PartName, Part<RawFact>>;
  return { pos, score, breakdown };
}

const toResponder = (fb: FactBase, { pos, score, breakdown }: ReturnType<typeof scoreOf>, rank: number): Responder<RawFact> => ({
  rank,
  actor: fb.actors.get(pos.actorId) as GraphNode,
  score: round4(score),
  positioned: pos.positioned,
  presenceTier: pos.presenceTier,
  breakdown,
  lacks: pos.lacks,
});

/**
 * Weighted, ranked responders (facts still carrying raw source ids), an organization's organs
 * grouped under it (`organs`, in rank order) instead of listed again and again. A group takes the
 * place of its best member; `limit` counts rows, not organs.
 */
export function rankResponders(fb: FactBase, positions: Position[], weights: Weights, limit: number): Responder<RawFact>[] {
  const scored = positions.map((pos) => scoreOf(pos, weights));
  // Positioned actors first (mandate and field or member presence), then those on the ground without
  // a mandate, then by score: a body that is there outranks a global one that is not, whatever the
  // other parts add (SCORING.md).
  scored.sort(
    (a, b) =>
      Number(b.pos.positioned) - Number(a.pos.positioned) ||
      Number(onGround(b.pos)) - Number(onGround(a.pos)) ||
      b.score - a.score ||
      b.pos.parts.mandate.score - a.pos.parts.mandate.score ||
      fb.actorName(a.pos.actorId).localeCompare(fb.actorName(b.pos.actorId)),
  );
  const listed = new Set(scored.map((x) => x.pos.actorId));
  const groups = new Map<string, typeof scored>();
  for (const entry of scored) {
    const head = groupHead(fb, entry.pos.actorId, listed);
    const group = groups.get(head);
    if (group) group.push(entry);
    else groups.set(head, [entry]);
  }
  const byId = new Map(scored.map((x) => [x.pos.actorId, x]));
  return [...groups].slice(0, limit).map(([head, members], index) => {
    const row = toResponder(fb, byId.get(head) as (typeof scored)[number], index + 1);
    const organs = members.filter((m) => m.pos.actorId !== head).map((m) => toResponder(fb, m, index + 1));
    if (organs.length === 0) return row;
    // The row stands where its best member does; that member's score says why.
    return { ...row, familyScore: round4(Math.max(...members.map((m) => m.score))), organs };
  });
}
