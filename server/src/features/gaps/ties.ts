import type { FactBase } from '../positioning/factBase.js';
import { isOrgan, type LinkRow } from '../positioning/model.js';
import { actorIds, type Ids } from '../positioning/standing.js';

/**
 * The ties between organizations (every visible link) as adjacency lists over the actors'
 * integers, with the balls of ties around each actor: who is within a few hops of whom, for the
 * uncoordinated pairs. Built once per fact base; a grid walks each actor's neighbourhood once.
 */
export class TieNetwork {
  readonly actors: Ids;
  /** The ties of actor a are `ties[start[a]]` to `ties[start[a + 1] - 1]`. */
  readonly start: Int32Array;
  readonly ties: Int32Array;
  /** Parallel to ties: 1 where an organ PART_OF joins the two (an organ and its organization coordinate as one). */
  private readonly organ: Uint8Array;
  private readonly balls = new Map<number, Array<Int32Array | undefined>>();
  private readonly seen: Int32Array;
  private walk = 0;

  constructor(fb: FactBase) {
    this.actors = actorIds(fb);
    const n = this.actors.size;
    // Both ends of every link, grouped by actor (counting sort); parallel links are one tie, an
    // organ tie when one of them is.
    const from: number[] = [];
    const to: number[] = [];
    const organs: number[] = [];
    for (const link of fb.rows.links) {
      if (link.fromId === link.toId) continue;
      const a = this.actors.of(link.fromId);
      const b = this.actors.of(link.toId);
      const organ = isOrgan(link) ? 1 : 0;
      from.push(a, b);
      to.push(b, a);
      organs.push(organ, organ);
    }
    const count = new Int32Array(n + 1);
    for (const a of from) count[a + 1] = (count[a + 1] as number) + 1;
    for (let a = 0; a < n; a++) count[a + 1] = (count[a + 1] as number) + (count[a] as number);
    const grouped = new Int32Array(from.length);
    const fill = count.slice(0, n);
    from.forEach((a, i) => {
      const slot = fill[a] as number;
      grouped[slot] = i;
      fill[a] = slot + 1;
    });
    this.start = new Int32Array(n + 1);
    const ties: number[] = [];
    const organ: number[] = [];
    const at = new Int32Array(n).fill(-1);
    for (let a = 0; a < n; a++) {
      const first = ties.length;
      for (let e = count[a] as number; e < (count[a + 1] as number); e++) {
        const i = grouped[e] as number;
        const b = to[i] as number;
        const seen = at[b] as number;
        if (seen >= first) organ[seen] = (organ[seen] as number) | (organs[i] as number);
        else {
          at[b] = ties.length;
          ties.push(b);
          organ.push(organs[i] as number);
        }
      }
      this.start[a + 1] = ties.length;
    }
    this.ties = Int32Array.from(ties);
    this.organ = Uint8Array.from(organ);
    this.seen = new Int32Array(n);
  }

  /**
   * Actors reachable from `a` over at most `radius` ties (any organization may sit in between),
   * organ PART_OF ties costing nothing: an organization coordinates through its organs'
   * agreements and dialogues (the AU through the PSC's dialogue with the PBC, the UN through
   * PBSO's MoUs). A breadth-first walk by hops, each hop closed over organ ties.
   */
  ball(a: number, radius: number): Int32Array {
    let byActor = this.balls.get(radius);
    if (!byActor) {
      byActor = [];
      this.balls.set(radius, byActor);
    }
    let ball = byActor[a];
    if (!ball) {
      ball = this.reachableWithin(a, radius);
      byActor[a] = ball;
    }
    return ball;
  }

  private reachableWithin(a: number, radius: number): Int32Array {
    const mark = ++this.walk;
    const found = [a];
    this.seen[a] = mark;
    let frontier = [a];
    for (let hop = 0; hop <= radius && frontier.length > 0; hop++) {
      const stack = [...frontier];
      while (stack.length > 0) {
        const from = stack.pop() as number;
        for (let e = this.start[from] as number; e < (this.start[from + 1] as number); e++) {
          const to = this.ties[e] as number;
          if (this.organ[e] === 1 && this.seen[to] !== mark) {
            this.seen[to] = mark;
            found.push(to);
            frontier.push(to);
            stack.push(to);
          }
        }
      }
      if (hop === radius) break;
      const next: number[] = [];
      for (const from of frontier) {
        for (let e = this.start[from] as number; e < (this.start[from + 1] as number); e++) {
          const to = this.ties[e] as number;
          if (this.seen[to] !== mark) {
            this.seen[to] = mark;
            found.push(to);
            next.push(to);
          }
        }
      }
      frontier = next;
    }
    return Int32Array.from(found);
  }

  /**
   * Are two actors within `hops` ties of each other? Meets in the middle: the ball of radius
   * ceil(hops/2) around one against radius floor(hops/2) around the other.
   */
  withinHops(a: number, b: number, hops: number): boolean {
    const near = this.ball(a, Math.ceil(hops / 2));
    const far = this.ball(b, Math.floor(hops / 2));
    const mark = ++this.walk;
    for (const m of near) this.seen[m] = mark;
    for (const m of far) if (this.seen[m] === mark) return true;
    return false;
  }
}

/** The undirected graph of ties between organizations (every visible link), by id, with the links of each pair. */
export const tieGraph = (fb: FactBase): Map<string, Map<string, LinkRow[]>> =>
  fb.cached('tieGraph', '', '', () => {
    const graph = new Map<string, Map<string, LinkRow[]>>();
    for (const link of fb.rows.links) {
      if (link.fromId === link.toId) continue;
      for (const [a, b] of [
        [link.fromId, link.toId],
        [link.toId, link.fromId],
      ] as const) {
        let row = graph.get(a);
        if (!row) {
          row = new Map();
          graph.set(a, row);
        }
        const list = row.get(b);
        if (list) list.push(link);
        else row.set(b, [link]);
      }
    }
    return graph;
  });

/** The fact base's tie network, built on first use. */
export const tieNetwork = (fb: FactBase): TieNetwork => fb.cached('tieNetwork', '', '', () => new TieNetwork(fb));
