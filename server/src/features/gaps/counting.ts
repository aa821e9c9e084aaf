import type { FactBase } from '../positioning/factBase.js';
import { MAX_DEPTH } from '../positioning/hierarchy.js';
import { isOrgan } from '../positioning/model.js';
import { BELOW, NONE, SAME, StandingIndex } from '../positioning/standing.js';
import { articulationFlags } from './articulation.js';
import type { SituationKind } from './detect.js';
import type { GapRows } from './model.js';
import { type TieNetwork, tieNetwork } from './ties.js';

/**
 * Gap counts of one threat-region question without building a gap (count-first gaps, coverage
 * grids): the same numbers as situationGapsOf(kind, …).length on positionActors, on integers.
 *
 * - uncoordinated: the balls of ties around actors (ties.ts) OR-ed into a bit matrix of who is
 *   within `hops` of whom (withinHops), worked out once per region over the actors any question
 *   there may position (StandingIndex.pairable); pairs are counted once per pair of families, as
 *   uncoordinatedPairs lists them.
 * - single points of failure: Tarjan's articulation points on typed arrays, the ties among the
 *   positioned actors read from the region's matrix of direct ties.
 * - funding and whether the threat affects the region: the initiatives and AFFECTS facts listed
 *   by threat once, checked against the region's relation row.
 * test/server/planner-counting.test.ts checks every question of random graphs against the
 * straightforward detectors.
 */
export class GapCounter {
  private readonly standings: StandingIndex;
  private readonly n: number;
  private readonly ties: TieNetwork;
  private readonly organAncestors: Array<Int32Array | undefined> = [];
  private readonly initiativeThreats: Int32Array[];
  private readonly initiativeRegions: Int32Array[];
  private readonly initiativeFunded: Uint8Array;
  private readonly initiativesByThreat: Array<Int32Array | undefined> = [];
  private readonly affectsRegionsByThreat: Array<Int32Array | undefined> = [];
  private readonly affectsThreats: Int32Array;
  private readonly affectsRegions: Int32Array;
  // Scratch space of one question (a question is counted in one go, never across a yield).
  private question = 0;
  private readonly localMark: Int32Array;
  private readonly local: Int32Array;
  private readonly slotMark: Int32Array;
  private readonly slot: Int32Array;
  private readonly familyMark: Int32Array;
  private readonly familyOf: Int32Array;
  private slots = 0;
  private slotQuestion = 0;
  private bits = new Uint32Array(1024);
  /** The region being counted, over its pairable actors (keptAt: an actor's row). */
  private kept?: KeptRegion;
  private keptQuestion = 0;
  private readonly keptMark: Int32Array;
  private readonly keptAt: Int32Array;
  private pairs = new Uint8Array(1024);

  constructor(
    private readonly fb: FactBase,
    rows: GapRows,
  ) {
    this.standings = new StandingIndex(fb, {
      threatIds: [...rows.affects.map((a) => a.threatId), ...rows.initiatives.flatMap((i) => i.threatIds)],
      regionIds: [...rows.affects.map((a) => a.regionId), ...rows.initiatives.flatMap((i) => i.regionIds)],
    });
    const { actors, threats, regions } = this.standings;
    this.n = actors.size;
    this.ties = tieNetwork(fb);

    const ids = (list: string[], index: typeof threats) => Int32Array.from(list.map((id) => index.of(id)));
    this.initiativeThreats = rows.initiatives.map((i) => ids(i.threatIds, threats));
    this.initiativeRegions = rows.initiatives.map((i) => ids(i.regionIds, regions));
    this.initiativeFunded = Uint8Array.from(rows.initiatives.map((i) => (i.funders.length > 0 ? 1 : 0)));
    this.affectsThreats = ids(
      rows.affects.map((a) => a.threatId),
      threats,
    );
    this.affectsRegions = ids(
      rows.affects.map((a) => a.regionId),
      regions,
    );

    this.localMark = new Int32Array(this.n);
    this.local = new Int32Array(this.n);
    this.slotMark = new Int32Array(this.n);
    this.slot = new Int32Array(this.n);
    this.familyMark = new Int32Array(this.n);
    this.keptMark = new Int32Array(this.n);
    this.keptAt = new Int32Array(this.n);
    this.familyOf = new Int32Array(this.n);
  }

  /** Does an AFFECTS fact link the threat (or a subtype) to the region, a part of it or a region containing it? */
  affected(threatId: string, regionId: string): boolean {
    const t = this.standings.threats.of(threatId);
    let regionsAffected = this.affectsRegionsByThreat[t];
    if (!regionsAffected) {
      const row = this.standings.threatRow(t);
      const found: number[] = [];
      this.affectsThreats.forEach((threat, i) => {
        if (row[threat] === SAME || row[threat] === BELOW) found.push(this.affectsRegions[i] as number);
      });
      regionsAffected = Int32Array.from(found);
      this.affectsRegionsByThreat[t] = regionsAffected;
    }
    const row = this.standings.regionRow(this.standings.regions.of(regionId));
    for (const r of regionsAffected) if (row[r] !== NONE) return true;
    return false;
  }

  /**
   * The question's positioned actors and its gap counts of the asked kinds; `affected`: whether
   * an AFFECTS fact makes it a question (the gaps that need one count 0 without it).
   */
  count(
    threatId: string,
    regionId: string,
    affected: boolean,
    hops: number,
    kinds: ReadonlySet<string>,
  ): { positioned: number; counts: Partial<Record<SituationKind, number>> } {
    const { positioned, presentWithoutMandate } = this.standings.standing(threatId, regionId);
    const counts: Partial<Record<SituationKind, number>> = {};
    if (kinds.has('uncovered')) counts.uncovered = affected && positioned.length === 0 ? 1 : 0;
    if (kinds.has('uncoordinated') || kinds.has('single-point-of-failure')) this.enter(positioned);
    if (kinds.has('uncoordinated')) counts.uncoordinated = this.uncoordinated(regionId, positioned, hops);
    if (kinds.has('presence-without-mandate')) {
      const world = this.standings.world[this.standings.regions.of(regionId)] === 1;
      counts['presence-without-mandate'] = affected && !world ? presentWithoutMandate : 0;
    }
    if (kinds.has('single-point-of-failure')) counts['single-point-of-failure'] = this.singlePoints(regionId, positioned);
    if (kinds.has('unfunded') || kinds.has('no-funding-recorded')) {
      const funding = affected ? this.funding(threatId, regionId) : null;
      if (kinds.has('unfunded')) counts.unfunded = funding === 'unfunded' ? 1 : 0;
      if (kinds.has('no-funding-recorded')) counts['no-funding-recorded'] = funding === 'no-funding-recorded' ? 1 : 0;
    }
    return { positioned: positioned.length, counts };
  }

  /** Numbers the question's positioned actors 0..k-1 (this.local), marked with a new question number. */
  private enter(positioned: number[]): void {
    const mark = ++this.question;
    positioned.forEach((a, i) => {
      this.localMark[a] = mark;
      this.local[a] = i;
    });
  }

  /** The organizations an actor is an organ of, in the order groupHead meets them. */
  private ancestors(a: number): Int32Array {
    let list = this.organAncestors[a];
    if (!list) {
      const { actors } = this.standings;
      const found: number[] = [];
      const seen = new Set([actors.list[a] as string]);
      let frontier = [actors.list[a] as string];
      for (let depth = 1; depth <= MAX_DEPTH && frontier.length > 0; depth++) {
        const next: string[] = [];
        for (const id of frontier) {
          for (const e of this.fb.hierarchyUp.get(id) ?? []) {
            if (!isOrgan(e) || seen.has(e.toId)) continue;
            seen.add(e.toId);
            found.push(actors.of(e.toId));
            next.push(e.toId);
          }
        }
        frontier = next;
      }
      list = Int32Array.from(found);
      this.organAncestors[a] = list;
    }
    return list;
  }

  /** groupHead: the last organization the actor is an organ of that is itself positioned; else the actor. */
  private head(a: number): number {
    const up = this.ancestors(a);
    for (let i = up.length - 1; i >= 0; i--) {
      const b = up[i] as number;
      if (this.localMark[b] === this.question) return b;
    }
    return a;
  }

  private uncoordinated(regionId: string, positioned: number[], hops: number): number {
    const k = positioned.length;
    if (k < 2) return 0;
    const mark = this.question;
    // Families as 0..f-1.
    let families = 0;
    const family = new Int32Array(k);
    positioned.forEach((a, i) => {
      const head = this.head(a);
      if (this.familyMark[head] !== mark) {
        this.familyMark[head] = mark;
        this.familyOf[head] = families++;
      }
      family[i] = this.familyOf[head] as number;
    });
    const { matrix, words, at } = this.nearness(regionId, positioned, hops);
    // Each pair of families once, with at least one pair of their actors not within hops.
    if (families * families > this.pairs.length) this.pairs = new Uint8Array(Math.max(families * families, 2 * this.pairs.length));
    this.pairs.fill(0, 0, families * families);
    let count = 0;
    for (let i = 0; i < k - 1; i++) {
      const row = (at[i] as number) * words;
      const fi = family[i] as number;
      for (let j = i + 1; j < k; j++) {
        const other = at[j] as number;
        if (((matrix[row + (other >>> 5)] as number) >>> (other & 31)) & 1) continue;
        const fj = family[j] as number;
        const key = fi < fj ? fi * families + fj : fj * families + fi;
        if (this.pairs[key] === 0) {
          this.pairs[key] = 1;
          count++;
        }
      }
    }
    return count;
  }

  /**
   * Who is within `hops` of whom among the positioned actors: a row of bits per actor (`at[i]`:
   * the row of positioned[i]). Worked out once per region over its pairable actors, and kept
   * while its questions are counted (a country's 48 questions position subsets of about 70 of
   * them); over the positioned actors alone where a region has too many.
   */
  private nearness(regionId: string, positioned: number[], hops: number): { matrix: Uint32Array; words: number; at: Int32Array } {
    const region = this.region(regionId);
    if (!region) return { ...this.withinHops(positioned, hops), at: Int32Array.from(positioned, (_, i) => i) };
    let matrix = region.near.get(hops);
    if (!matrix) {
      matrix = this.withinHops(this.standings.pairable(regionId), hops).matrix;
      region.near.set(hops, matrix);
    }
    return { matrix, words: region.words, at: this.rowsOf(regionId, positioned) };
  }

  /** The region whose pairable actors are numbered now (keptAt), with their ties as bits; null when it has too many. */
  private region(regionId: string): KeptRegion | null {
    if (this.kept?.regionId === regionId) return this.kept;
    const pairable = this.standings.pairable(regionId);
    if (pairable.length > REGION_MATRIX_LIMIT) return null;
    const mark = ++this.keptQuestion;
    pairable.forEach((a, i) => {
      this.keptMark[a] = mark;
      this.keptAt[a] = i;
    });
    const words = (pairable.length + 31) >>> 5;
    const adjacent = new Uint32Array(pairable.length * words);
    pairable.forEach((a, i) => {
      for (let e = this.ties.start[a] as number; e < (this.ties.start[a + 1] as number); e++) {
        const b = this.ties.ties[e] as number;
        if (this.keptMark[b] !== mark || b === a) continue;
        const j = this.keptAt[b] as number;
        adjacent[i * words + (j >>> 5)] = (adjacent[i * words + (j >>> 5)] as number) | (1 << (j & 31));
      }
    });
    this.kept = { regionId, words, adjacent, near: new Map() };
    return this.kept;
  }

  /** The rows of the kept region's matrices that hold the positioned actors. */
  private rowsOf(regionId: string, positioned: number[]): Int32Array {
    const at = new Int32Array(positioned.length);
    positioned.forEach((a, i) => {
      if (this.keptMark[a] !== this.keptQuestion)
        throw new Error(`positioned actor ${this.standings.actors.list[a]} is not pairable in ${regionId}`);
      at[i] = this.keptAt[a] as number;
    });
    return at;
  }

  /**
   * Every actor m met by a ball gets a slot: the actors whose ball (radius ceil(hops/2), and
   * floor(hops/2) when hops is odd) holds it, as bits. Two actors are within hops of each other
   * when one slot holds the first's near bit and the second's far bit (withinHops).
   */
  private withinHops(actors: ArrayLike<number>, hops: number): { matrix: Uint32Array; words: number } {
    const k = actors.length;
    const words = (k + 31) >>> 5;
    const near = Math.ceil(hops / 2);
    const far = Math.floor(hops / 2);
    const farAt = near === far ? 0 : words;
    const stride = words + farAt;
    this.slots = 0;
    this.slotQuestion++;
    for (let j = 0; j < k; j++) this.place(this.ties.ball(actors[j] as number, far), j, farAt, stride);
    if (farAt > 0) for (let i = 0; i < k; i++) this.place(this.ties.ball(actors[i] as number, near), i, 0, stride);
    const matrix = new Uint32Array(k * words);
    const bits = this.bits;
    for (let s = 0; s < this.slots; s++) {
      const base = s * stride;
      if (farAt === 0 && !severalBits(bits, base, words)) continue;
      for (let w = 0; w < words; w++) {
        let x = bits[base + w] as number;
        while (x !== 0) {
          const low = x & -x;
          x ^= low;
          const row = (w * 32 + 31 - Math.clz32(low)) * words;
          for (let v = 0; v < words; v++) matrix[row + v] = (matrix[row + v] as number) | (bits[base + farAt + v] as number);
        }
      }
    }
    return { matrix, words };
  }

  /** Sets bit `i` (at `offset` within each slot) in the slot of every actor of the ball. */
  private place(ball: Int32Array, i: number, offset: number, stride: number): void {
    const mark = this.slotQuestion;
    const bit = 1 << (i & 31);
    const word = offset + (i >>> 5);
    for (const m of ball) {
      let at: number;
      if (this.slotMark[m] === mark) at = this.slot[m] as number;
      else {
        at = this.slots++ * stride;
        this.slotMark[m] = mark;
        this.slot[m] = at;
        if (at + stride > this.bits.length) {
          const bigger = new Uint32Array(Math.max(at + stride, 2 * this.bits.length));
          bigger.set(this.bits);
          this.bits = bigger;
        }
        this.bits.fill(0, at, at + stride);
      }
      this.bits[at + word] = (this.bits[at + word] as number) | bit;
    }
  }

  /** Articulation points of the network of positioned actors and the ties among them. */
  private singlePoints(regionId: string, positioned: number[]): number {
    const k = positioned.length;
    if (k < 3) return 0;
    const start = new Int32Array(k + 1);
    const neighbours: number[] = [];
    const region = this.region(regionId);
    if (region) {
      const { adjacent, words } = region;
      const at = this.rowsOf(regionId, positioned);
      for (let i = 0; i < k; i++) {
        const row = (at[i] as number) * words;
        for (let j = 0; j < k; j++) {
          const other = at[j] as number;
          if (((adjacent[row + (other >>> 5)] as number) >>> (other & 31)) & 1) neighbours.push(j);
        }
        start[i + 1] = neighbours.length;
      }
    } else {
      const mark = this.question;
      for (let i = 0; i < k; i++) {
        const a = positioned[i] as number;
        for (let e = this.ties.start[a] as number; e < (this.ties.start[a + 1] as number); e++) {
          const b = this.ties.ties[e] as number;
          if (this.localMark[b] === mark && b !== a) neighbours.push(this.local[b] as number);
        }
        start[i + 1] = neighbours.length;
      }
    }
    const points = articulationFlags(k, start, Int32Array.from(neighbours));
    let count = 0;
    // Positioned actors act (frameworks such as APSA are never candidates), as actingPoints keeps.
    for (let i = 0; i < k; i++) count += points[i] as number;
    return count;
  }

  /** unfundedSituation's kind for an affected question: none when an initiative bearing on it is funded. */
  private funding(threatId: string, regionId: string): 'unfunded' | 'no-funding-recorded' | null {
    const t = this.standings.threats.of(threatId);
    let list = this.initiativesByThreat[t];
    if (!list) {
      const row = this.standings.threatRow(t);
      const found: number[] = [];
      this.initiativeThreats.forEach((threats, i) => {
        if (threats.some((x) => row[x] !== NONE)) found.push(i);
      });
      list = Int32Array.from(found);
      this.initiativesByThreat[t] = list;
    }
    const row = this.standings.regionRow(this.standings.regions.of(regionId));
    let relevant = 0;
    for (const i of list) {
      if (!(this.initiativeRegions[i] as Int32Array).some((r) => row[r] !== NONE)) continue;
      if (this.initiativeFunded[i] === 1) return null;
      relevant++;
    }
    return relevant > 0 ? 'no-funding-recorded' : 'unfunded';
  }
}

/** A region's pairable actors: their direct ties and who is within each hop bound of whom, as rows of bits. */
interface KeptRegion {
  regionId: string;
  words: number;
  adjacent: Uint32Array;
  near: Map<number, Uint32Array>;
}

/** Regions with more pairable actors than this get their nearness worked out per question (a matrix of this many is 128 KB). */
const REGION_MATRIX_LIMIT = 2048;

/** Whether the bits of words [base, base + words) hold two or more ones. */
function severalBits(bits: Uint32Array, base: number, words: number): boolean {
  let one = false;
  for (let w = base; w < base + words; w++) {
    const x = bits[w] as number;
    if (x === 0) continue;
    if (one || (x & (x - 1)) !== 0) return true;
    one = true;
  }
  return false;
}

/** The fact base's gap counter (with the gap rows read beside it), built on first use. */
export const gapCounter = (fb: FactBase, rows: GapRows): GapCounter => fb.cached('gapCounter', '', '', () => new GapCounter(fb, rows));
