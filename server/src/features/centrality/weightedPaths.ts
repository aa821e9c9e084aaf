import type { AllPairsTask, Csr } from './paths.js';

/**
 * The shortest-path measures with weights as lengths (networkx's weight='weight' for
 * betweenness, closeness and harmonic): Dijkstra from each source instead of breadth-first
 * search, with the same result layout as allPairsKernel, so the same scaling applies. Two paths
 * are equally short when their lengths are equal as floating-point numbers, as in networkx.
 */
export function weightedAllPairsKernel(task: AllPairsTask, csr: Csr & { weights: Float64Array }, sources: ArrayLike<number>): Float64Array {
  const n = csr.offsets.length - 1;
  const result = new Float64Array(task === 'closeness' ? 2 * n : n);
  const search = new DijkstraSearch(csr);
  for (let i = 0; i < sources.length; i++) {
    const s = sources[i] as number;
    const order = search.from(s);
    if (task === 'betweenness') search.accumulate(order, s, result);
    else {
      let total = 0;
      let inverse = 0;
      for (const v of order) {
        const d = search.dist[v] as number;
        if (v === s) continue;
        total += d;
        inverse += d > 0 ? 1 / d : 0;
      }
      if (task === 'harmonic') result[s] = inverse;
      else {
        result[s] = total;
        result[n + s] = order.length - 1;
      }
    }
  }
  return result;
}

/** Dijkstra with shortest-path counts and predecessors (Brandes 2001, weighted), reused across sources. */
export class DijkstraSearch {
  readonly dist: Float64Array;
  private readonly sigma: Float64Array;
  private readonly delta: Float64Array;
  private readonly preds: number[][];
  private readonly settled: Uint8Array;

  constructor(private readonly csr: Csr & { weights: Float64Array }) {
    const n = csr.offsets.length - 1;
    this.dist = new Float64Array(n).fill(Number.POSITIVE_INFINITY);
    this.sigma = new Float64Array(n);
    this.delta = new Float64Array(n);
    this.preds = Array.from({ length: n }, () => []);
    this.settled = new Uint8Array(n);
  }

  /** The nodes reached from s in the order they were settled (non-decreasing distance). */
  from(s: number): number[] {
    const { offsets, targets, weights } = this.csr;
    this.reset();
    const order: number[] = [];
    const heap = new MinHeap();
    this.dist[s] = 0;
    this.sigma[s] = 1;
    heap.push(0, s);
    while (heap.size > 0) {
      const [d, v] = heap.pop();
      if (this.settled[v] || d > (this.dist[v] as number)) continue;
      this.settled[v] = 1;
      order.push(v);
      for (let e = offsets[v] as number, end = offsets[v + 1] as number; e < end; e++) {
        const w = targets[e] as number;
        if (this.settled[w]) continue;
        const length = d + (weights[e] as number);
        const known = this.dist[w] as number;
        if (length < known) {
          this.dist[w] = length;
          this.sigma[w] = this.sigma[v] as number;
          this.preds[w] = [v];
          heap.push(length, w);
        } else if (length === known) {
          this.sigma[w] = (this.sigma[w] as number) + (this.sigma[v] as number);
          (this.preds[w] as number[]).push(v);
        }
      }
    }
    this.visited = order;
    return order;
  }

  /** The nodes just before v on its shortest paths from the last source. */
  predecessors(v: number): readonly number[] {
    return this.preds[v] as number[];
  }

  /** Adds the source's dependencies (Brandes' accumulation, farthest first) to total. */
  accumulate(order: number[], s: number, total: Float64Array): void {
    for (let j = order.length - 1; j >= 0; j--) {
      const w = order[j] as number;
      const coefficient = (1 + (this.delta[w] as number)) / (this.sigma[w] as number);
      for (const v of this.preds[w] as number[]) this.delta[v] = (this.delta[v] as number) + (this.sigma[v] as number) * coefficient;
      if (w !== s) total[w] = (total[w] as number) + (this.delta[w] as number);
    }
  }

  private visited: number[] = [];

  private reset(): void {
    for (const v of this.visited) {
      this.dist[v] = Number.POSITIVE_INFINITY;
      this.sigma[v] = 0;
      this.delta[v] = 0;
      this.preds[v] = [];
      this.settled[v] = 0;
    }
  }
}

/** A binary min-heap of (key, node) with lazy deletion (stale entries are skipped on pop). */
class MinHeap {
  private readonly keys: number[] = [];
  private readonly nodes: number[] = [];

  get size(): number {
    return this.keys.length;
  }

  push(key: number, node: number): void {
    let i = this.keys.length;
    this.keys.push(key);
    this.nodes.push(node);
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if ((this.keys[parent] as number) <= key) break;
      this.swap(i, parent);
      i = parent;
    }
  }

  pop(): [number, number] {
    const top: [number, number] = [this.keys[0] as number, this.nodes[0] as number];
    const lastKey = this.keys.pop() as number;
    const lastNode = this.nodes.pop() as number;
    if (this.keys.length > 0) {
      this.keys[0] = lastKey;
      this.nodes[0] = lastNode;
      let i = 0;
      for (;;) {
        const l = 2 * i + 1;
        const r = l + 1;
        let m = i;
        if (l < this.keys.length && (this.keys[l] as number) < (this.keys[m] as number)) m = l;
        if (r < this.keys.length && (this.keys[r] as number) < (this.keys[m] as number)) m = r;
        if (m === i) break;
        this.swap(i, m);
        i = m;
      }
    }
    return top;
  }

  private swap(a: number, b: number): void {
    [this.keys[a], this.keys[b]] = [this.keys[b] as number, this.keys[a] as number];
    [this.nodes[a], this.nodes[b]] = [this.nodes[b] as number, this.nodes[a] as number];
  }
}
