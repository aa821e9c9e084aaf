import { isActingActorKind } from '@atlas/seed';
import type { FactBase } from './factBase.js';
import type { Family } from './hierarchy.js';
import { AT_HOME_KINDS, type MembershipRow } from './model.js';
import { reachBasis, relatives } from './positioning.js';

/**
 * Who is positioned on a question, for counting only (gap counts, coverage grids): the same
 * answer as positionActors' `positioned` and presence flags, worked out on integers.
 *
 * A grid asks 11,520 questions of a 10k-actor graph, a whole-graph gap count thousands of a
 * 100k one, and positionActors re-derived for each what does not depend on it (hierarchies,
 * reach through members, presence per region), building a fact object per candidate that no
 * count reads: most of a grid's time, and a fifth of it garbage collection. Here every id is a
 * small integer, the hierarchies are matrices of relation kinds, the mandates are listed by
 * threat once, and each region's present candidates are listed once; a question then marks the
 * actors holding a mandate on it and goes through the region's list.
 *
 * Kept per fact base with the gap counter (gaps/counting.ts), so a graph version's grids and
 * counts share it.
 * test/server/planner-counting.test.ts checks every question of random graphs against
 * positionActors.
 */

/** How an id stands to the id a relation row is about: relationTo's kinds as small integers. */
export const NONE = 0;
export const SAME = 1;
export const BELOW = 2;
export const ABOVE = 3;

/** Ids as dense integers, in the order first seen. */
export class Ids {
  readonly list: string[] = [];
  private readonly index = new Map<string, number>();

  add(id: string): number {
    let n = this.index.get(id);
    if (n === undefined) {
      n = this.list.length;
      this.list.push(id);
      this.index.set(id, n);
    }
    return n;
  }

  /** The id's integer; an id the facts never named is a bug of the caller. */
  of(id: string): number {
    const n = this.index.get(id);
    if (n === undefined) throw new Error(`unknown id ${id}`);
    return n;
  }

  get size(): number {
    return this.list.length;
  }
}

/** Every actor the facts name (the actors read, hierarchy, ties, mandate holders) as integers, once per fact base. */
export const actorIds = (fb: FactBase): Ids =>
  fb.cached('actorIds', '', '', () => {
    const ids = new Ids();
    for (const id of fb.actors.keys()) ids.add(id);
    for (const h of fb.rows.actorHierarchy) {
      ids.add(h.fromId);
      ids.add(h.toId);
    }
    for (const l of fb.rows.links) {
      ids.add(l.fromId);
      ids.add(l.toId);
    }
    for (const m of fb.rows.mandates) ids.add(m.actorId);
    return ids;
  });

/** For each id of `ids`, how it stands to the family's node (relationTo, as in hierarchy.ts). */
function relationRow(family: Family, ids: Ids): Uint8Array {
  const row = new Uint8Array(ids.size);
  for (const id of family.above.keys()) row[ids.of(id)] = ABOVE;
  for (const id of family.below.keys()) row[ids.of(id)] = BELOW;
  row[ids.of(family.id)] = SAME;
  return row;
}

/** Candidates of one region, present there or active there through initiatives. */
interface RegionStanding {
  /**
   * The candidates that may be positioned on some threat there (pairable): present, or active
   * through initiatives, and holding or inheriting a mandate of some threat that applies in a
   * region related to it, where they reach. Every question on the region positions some of them.
   */
  mandated: Int32Array;
  /** Parallel to mandated: PRESENT, and PRESENT_HERE for an own OPERATES_IN in the region or a part of it by an actor not at home there. */
  flags: Uint8Array;
  /** Parallel to mandated: for those not present, the threats of the initiatives that make them active there. */
  initiativeThreats: Array<Int32Array | undefined>;
  /** Actors present through their own OPERATES_IN in the region or a part of it, not at home there: present without a mandate unless mandated. */
  presentHere: number;
}

/** Positioned actors of one question and how many are present there without a mandate (directly, not at home). */
export interface Standing {
  positioned: number[];
  presentWithoutMandate: number;
}

const EMPTY = new Int32Array(0);

/** Lists of integers per actor in two arrays: the list of a is items[start[a]] to items[start[a + 1] - 1]. */
interface Lists {
  start: Int32Array;
  items: Int32Array;
}

function listsOf(n: number, fill: (a: number, out: number[]) => void): Lists {
  const start = new Int32Array(n + 1);
  const items: number[] = [];
  for (let a = 0; a < n; a++) {
    fill(a, items);
    start[a + 1] = items.length;
  }
  return { start, items: Int32Array.from(items) };
}
const AT_HOME = 1;
const PRESENT = 1;
const PRESENT_HERE = 2;

export class StandingIndex {
  readonly actors: Ids;
  readonly threats = new Ids();
  readonly regions = new Ids();
  /** Per actor: AT_HOME for national institutions and local actors. */
  readonly kinds: Uint8Array;
  /** Per region: 1 for the world. */
  readonly world: Uint8Array;
  private readonly threatRows: Array<Uint8Array | undefined> = [];
  private readonly regionRows: Array<Uint8Array | undefined> = [];
  private readonly relatedThreats: Array<Int32Array | undefined> = [];
  /** HAS_MANDATE rows by threat, as (holder, region, basis or -1 when the row's reach is not bounded) triples. */
  private readonly mandatesByThreat: Int32Array[];
  /** Per actor: the member list bounding its reach (reachBasis), as an index into `bases`, or -1. */
  private readonly basisOf: Int32Array;
  /** Per actor: its own member list (presence through members), or -1. */
  private readonly ownMembers: Int32Array;
  private readonly bases: MembershipRow[] = [];
  private readonly reached: Array<Uint8Array | undefined> = [];
  private readonly holdsMandate: Uint8Array;
  /** Per actor: its HAS_MANDATE rows as (region, basis or -1) pairs. */
  private readonly ownMandates: Lists;
  /** Per actor: its presence rows as region * 2 + 1 when CONSTRAINED_IN. */
  private readonly presence: Lists;
  /** Per actor: its initiatives as (threat, number of spans, span regions…). */
  private readonly initiatives: Lists;
  private readonly mandateRelatives: Array<Int32Array | undefined> = [];
  private readonly byRegion: Array<RegionStanding | undefined> = [];
  /** Per region: the actors with a mandate, presence, membership or initiative fact there (FactBase.actorsByRegion). */
  private readonly actorsAt: Int32Array[];
  /** Per actor: 1 when it may be ranked (read, not a member state, an actor that acts). */
  private readonly rankable: Uint8Array;
  private readonly allRelatives: Array<Int32Array | undefined> = [];
  private readonly found: Int32Array;
  private readonly expanded: Int32Array;
  private search = 0;
  private readonly holderMark: Int32Array;
  private question = 0;

  /** `more`: ids the questions' other facts name (AFFECTS, initiatives), numbered with the rest. */
  constructor(
    private readonly fb: FactBase,
    more: { threatIds: string[]; regionIds: string[] } = { threatIds: [], regionIds: [] },
  ) {
    const { rows } = fb;
    this.actors = actorIds(fb);
    for (const id of fb.threatNames.keys()) this.threats.add(id);
    for (const id of fb.regions.keys()) this.regions.add(id);
    for (const m of rows.mandates) {
      this.threats.add(m.threatId);
      this.regions.add(m.regionId);
    }
    for (const p of rows.presence) this.regions.add(p.regionId);
    for (const i of rows.instruments) {
      this.threats.add(i.threatId);
      for (const s of i.spans) this.regions.add(s.regionId);
    }
    for (const m of rows.memberships) for (const member of m.members) for (const r of member.regionIds) this.regions.add(r);
    for (const id of more.threatIds) this.threats.add(id);
    for (const id of more.regionIds) this.regions.add(id);

    const n = this.actors.size;
    this.kinds = new Uint8Array(n);
    this.actors.list.forEach((id, a) => {
      const kind = fb.actors.get(id)?.kind ?? '';
      this.kinds[a] = AT_HOME_KINDS.has(kind) ? AT_HOME : 0;
    });
    this.world = new Uint8Array(this.regions.size);
    this.regions.list.forEach((id, r) => {
      this.world[r] = fb.regions.get(id)?.kind === 'world' ? 1 : 0;
    });

    const baseIndex = new Map<MembershipRow, number>();
    const baseOf = (list: MembershipRow | null | undefined): number => {
      if (!list) return -1;
      let b = baseIndex.get(list);
      if (b === undefined) {
        b = this.bases.length;
        this.bases.push(list);
        baseIndex.set(list, b);
      }
      return b;
    };
    this.basisOf = new Int32Array(n);
    this.ownMembers = new Int32Array(n);
    this.actors.list.forEach((id, a) => {
      this.basisOf[a] = baseOf(reachBasis(this.fb, id));
      this.ownMembers[a] = baseOf(fb.membershipsByOrg.get(id));
    });

    this.holdsMandate = new Uint8Array(n);
    const triples: number[][] = this.threats.list.map(() => []);
    const own: number[][] = this.actors.list.map(() => []);
    for (const m of rows.mandates) {
      if (m.relation !== 'HAS_MANDATE') continue;
      const a = this.actors.of(m.actorId);
      this.holdsMandate[a] = 1;
      const bounded = m.reach === 'membership' ? (this.basisOf[a] as number) : -1;
      triples[this.threats.of(m.threatId)]?.push(a, this.regions.of(m.regionId), bounded);
      own[a]?.push(this.regions.of(m.regionId), bounded);
    }
    this.mandatesByThreat = triples.map((t) => Int32Array.from(t));
    this.ownMandates = listsOf(n, (a, out) => out.push(...(own[a] as number[])));
    this.presence = listsOf(n, (a, out) => {
      for (const p of fb.presenceByActor.get(this.actors.list[a] as string) ?? [])
        out.push(this.regions.of(p.regionId) * 2 + (p.relation === 'CONSTRAINED_IN' ? 1 : 0));
    });
    this.initiatives = listsOf(n, (a, out) => {
      for (const i of fb.instrumentsByActor.get(this.actors.list[a] as string) ?? []) {
        if (i.instrument.label !== 'Initiative') continue;
        out.push(this.threats.of(i.threatId), i.spans.length, ...i.spans.map((span) => this.regions.of(span.regionId)));
      }
    });
    this.holderMark = new Int32Array(n);
    this.actorsAt = this.regions.list.map((id) => Int32Array.from(fb.actorsByRegion.get(id) ?? [], (a) => this.actors.of(a)));
    this.rankable = Uint8Array.from(this.actors.list, (id) => {
      const kind = fb.actors.get(id)?.kind ?? '';
      return fb.actors.has(id) && kind !== 'member-state' && isActingActorKind(kind) ? 1 : 0;
    });
    this.found = new Int32Array(n);
    this.expanded = new Int32Array(n);
  }

  threatRow(t: number): Uint8Array {
    let row = this.threatRows[t];
    if (!row) {
      row = relationRow(this.fb.threatFamily(this.threats.list[t] as string), this.threats);
      this.threatRows[t] = row;
    }
    return row;
  }

  regionRow(r: number): Uint8Array {
    let row = this.regionRows[r];
    if (!row) {
      row = relationRow(this.fb.regionFamily(this.regions.list[r] as string), this.regions);
      this.regionRows[r] = row;
    }
    return row;
  }

  /** The threats that are the threat, a subtype or a broader one (every relation but none). */
  private threatsRelatedTo(t: number): Int32Array {
    let list = this.relatedThreats[t];
    if (!list) {
      const row = this.threatRow(t);
      const found: number[] = [];
      for (let i = 0; i < row.length; i++) if (row[i] !== NONE) found.push(i);
      list = Int32Array.from(found);
      this.relatedThreats[t] = list;
    }
    return list;
  }

  /** The regions where a member list has a member on the date asked: containing one of its countries, or one of them (membersWithin). */
  private reachedBy(basis: number): Uint8Array {
    let flags = this.reached[basis];
    if (!flags) {
      flags = new Uint8Array(this.regions.size);
      for (const member of (this.bases[basis] as MembershipRow).members) {
        if (!member.current) continue;
        for (const r of member.regionIds) for (const up of this.fb.regionFamily(r).above.keys()) flags[this.regions.of(up)] = 1;
      }
      this.reached[basis] = flags;
    }
    return flags;
  }

  /** reaches() in positioning.ts: a fact at `r` standing `relation` to the asked region `asked`. */
  private reaches(basis: number, asked: number, r: number, relation: number): boolean {
    return basis < 0 || this.reachedBy(basis)[relation === ABOVE ? asked : r] === 1;
  }

  /** The actors whose mandates an actor inherits (relatives up and down that hold one). */
  private relativesHolding(a: number): Int32Array {
    let list = this.mandateRelatives[a];
    if (!list) {
      const id = this.actors.list[a] as string;
      const found: number[] = [];
      for (const direction of ['up', 'down'] as const) {
        for (const w of relatives(this.fb, id, direction)) {
          const other = this.actors.of(w.actorId);
          if (this.holdsMandate[other] === 1) found.push(other);
        }
      }
      list = found.length > 0 ? Int32Array.from(found) : EMPTY;
      this.mandateRelatives[a] = list;
    }
    return list;
  }

  /**
   * 0: no presence score in the region; 1: present; 2: present in it or a part of it through its
   * own OPERATES_IN (presenceIn in positioning.ts: its score above 0, and `direct`).
   */
  private presenceIn(a: number, r: number, row: Uint8Array): number {
    const basis = this.basisOf[a] as number;
    const { start, items } = this.presence;
    let present = false;
    let direct = false;
    for (let e = start[a] as number; e < (start[a + 1] as number); e++) {
      const at = (items[e] as number) >> 1;
      const relation = row[at] as number;
      if (relation === NONE || !this.reaches(basis, r, at, relation)) continue;
      if (((items[e] as number) & 1) === 1) {
        present = true;
        continue;
      }
      // A world-level presence is a remit: it scores nothing.
      if (relation === ABOVE && this.world[at] === 1) continue;
      present = true;
      if (relation !== ABOVE && this.world[at] === 0) direct = true;
    }
    const members = this.ownMembers[a] as number;
    if (!present && members >= 0 && this.reachedBy(members)[r] === 1) present = true;
    return direct ? 2 : present ? 1 : 0;
  }

  /** The threats of the initiatives spanning the region or a part of it where the actor reaches (activeInitiative). */
  private initiativeThreatsIn(a: number, row: Uint8Array): Int32Array {
    const basis = this.basisOf[a] as number;
    const { start, items } = this.initiatives;
    if (start[a] === start[a + 1]) return EMPTY;
    const found: number[] = [];
    for (let e = start[a] as number; e < (start[a + 1] as number); ) {
      const threat = items[e] as number;
      const spans = items[e + 1] as number;
      for (let x = e + 2; x < e + 2 + spans; x++) {
        const at = items[x] as number;
        const relation = row[at];
        if ((relation === SAME || relation === BELOW) && (basis < 0 || this.reachedBy(basis)[at] === 1)) {
          found.push(threat);
          break;
        }
      }
      e += 2 + spans;
    }
    return found.length > 0 ? Int32Array.from(found) : EMPTY;
  }

  private regionStanding(r: number): RegionStanding {
    let standing = this.byRegion[r];
    if (standing) return standing;
    const row = this.regionRow(r);
    const { start, items } = this.ownMandates;
    const holds = (h: number): boolean => {
      for (let e = start[h] as number; e < (start[h + 1] as number); e += 2) {
        const at = items[e] as number;
        const relation = row[at] as number;
        if (relation !== NONE && this.reaches(items[e + 1] as number, r, at, relation)) return true;
      }
      return false;
    };
    const mandated: number[] = [];
    const flags: number[] = [];
    const initiativeThreats: Array<Int32Array | undefined> = [];
    let presentHere = 0;
    for (const a of this.candidates(row)) {
      const presence = this.presenceIn(a, r, row);
      const here = presence === 2 && ((this.kinds[a] as number) & AT_HOME) === 0;
      if (here) presentHere++;
      const threats = presence === 0 ? this.initiativeThreatsIn(a, row) : undefined;
      if (threats?.length === 0 || !(holds(a) || this.relativesHolding(a).some(holds))) continue;
      mandated.push(a);
      flags.push((presence > 0 ? PRESENT : 0) | (here ? PRESENT_HERE : 0));
      initiativeThreats.push(threats);
    }
    standing = { mandated: Int32Array.from(mandated), flags: Uint8Array.from(flags), initiativeThreats, presentHere };
    this.byRegion[r] = standing;
    return standing;
  }

  /**
   * candidatesFor in positioning.ts, on integers: the actors with a fact in the region, a part of
   * it or a region containing it, and the relatives a mandate passes to, that may be ranked.
   */
  private candidates(row: Uint8Array): number[] {
    const mark = ++this.search;
    const list: number[] = [];
    const add = (a: number) => {
      if (this.found[a] === mark) return;
      this.found[a] = mark;
      if (this.rankable[a] === 1) list.push(a);
    };
    for (let x = 0; x < row.length; x++) {
      if (row[x] === NONE) continue;
      for (const a of this.actorsAt[x] as Int32Array) {
        if (this.expanded[a] === mark) continue;
        this.expanded[a] = mark;
        add(a);
        for (const w of this.relativesOf(a)) add(w);
      }
    }
    return list;
  }

  /** An actor's relatives up and down when it has mandate rows (they pass to them), else none. */
  private relativesOf(a: number): Int32Array {
    let list = this.allRelatives[a];
    if (!list) {
      const id = this.actors.list[a] as string;
      list = this.fb.mandatesByActor.has(id)
        ? Int32Array.from([...relatives(this.fb, id, 'up'), ...relatives(this.fb, id, 'down')], (w) => this.actors.of(w.actorId))
        : EMPTY;
      this.allRelatives[a] = list;
    }
    return list;
  }

  /** The region's actors that some question there may position (RegionStanding.mandated). */
  pairable(regionId: string): Int32Array {
    return this.regionStanding(this.regions.of(regionId)).mandated;
  }

  /** Marks the actors whose own mandate scores on the question (computeOwnMandate's score above 0). */
  private markHolders(t: number, r: number): number {
    const mark = ++this.question;
    const row = this.regionRow(r);
    for (const related of this.threatsRelatedTo(t)) {
      const triples = this.mandatesByThreat[related] as Int32Array;
      for (let i = 0; i < triples.length; i += 3) {
        const holder = triples[i] as number;
        if (this.holderMark[holder] === mark) continue;
        const at = triples[i + 1] as number;
        const relation = row[at] as number;
        if (relation === NONE || !this.reaches(triples[i + 2] as number, r, at, relation)) continue;
        this.holderMark[holder] = mark;
      }
    }
    return mark;
  }

  private mandated(a: number, mark: number): boolean {
    if (this.holderMark[a] === mark) return true;
    for (const w of this.relativesHolding(a)) if (this.holderMark[w] === mark) return true;
    return false;
  }

  /** The question's positioned actors (mandate and presence) and its present actors without a mandate. */
  standing(threatId: string, regionId: string): Standing {
    const t = this.threats.of(threatId);
    const r = this.regions.of(regionId);
    const region = this.regionStanding(r);
    const mark = this.markHolders(t, r);
    const threatRow = this.threatRow(t);
    const positioned: number[] = [];
    let presentWithoutMandate = region.presentHere;
    for (let i = 0; i < region.mandated.length; i++) {
      const a = region.mandated[i] as number;
      if (!this.mandated(a, mark)) continue;
      const flags = region.flags[i] as number;
      if ((flags & PRESENT_HERE) !== 0) presentWithoutMandate--;
      if ((flags & PRESENT) !== 0 || (region.initiativeThreats[i] as Int32Array).some((x) => threatRow[x] !== NONE)) positioned.push(a);
    }
    return { positioned, presentWithoutMandate };
  }
}
