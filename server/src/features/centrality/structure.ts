import type { Adjacency } from './adjacency.js';

export interface CutStructure {
  /** Node index -> number of connected pieces its component falls into when it is removed (only entries >= 2). */
  articulationPoints: Map<number, number>;
  /** Bridges as [lower index, higher index] pairs. */
  bridges: Array<[number, number]>;
}

/**
 * Articulation points and bridges of the undirected simple graph (Hopcroft-Tarjan low-link), with
 * an explicit stack instead of recursion so a million-node path cannot overflow the call stack.
 * A non-root node v separates one piece per DFS child c with low[c] >= disc[v], plus the piece
 * holding its parent; the root separates one piece per DFS child.
 */
export function cutStructure(adj: Adjacency): CutStructure {
  const n = adj.ids.length;
  const disc = new Int32Array(n).fill(-1);
  const low = new Int32Array(n);
  const parent = new Int32Array(n).fill(-1);
  const cursor = new Uint32Array(n);
  const separated = new Uint32Array(n);
  const stack = new Uint32Array(n);
  const articulationPoints = new Map<number, number>();
  const bridges: Array<[number, number]> = [];
  let time = 0;

  for (let root = 0; root < n; root++) {
    if (disc[root] !== -1) continue;
    let top = 0;
    stack[top++] = root;
    disc[root] = low[root] = time++;
    cursor[root] = adj.offsets[root] as number;
    let rootChildren = 0;
    while (top > 0) {
      const v = stack[top - 1] as number;
      const end = adj.offsets[v + 1] as number;
      const at = cursor[v] as number;
      if (at < end) {
        cursor[v] = at + 1;
        const w = adj.targets[at] as number;
        if (disc[w] === -1) {
          parent[w] = v;
          disc[w] = low[w] = time++;
          cursor[w] = adj.offsets[w] as number;
          stack[top++] = w;
          if (v === root) rootChildren++;
        } else if (w !== parent[v]) {
          low[v] = Math.min(low[v] as number, disc[w] as number);
        }
        continue;
      }
      top--;
      const p = parent[v] as number;
      if (p === -1) continue;
      low[p] = Math.min(low[p] as number, low[v] as number);
      if ((low[v] as number) >= (disc[p] as number)) separated[p] = (separated[p] as number) + 1;
      if ((low[v] as number) > (disc[p] as number)) bridges.push([Math.min(p, v), Math.max(p, v)]);
    }
    if (rootChildren >= 2) articulationPoints.set(root, rootChildren);
  }
  for (let v = 0; v < n; v++) {
    const s = separated[v] as number;
    if (parent[v] !== -1 && s >= 1) articulationPoints.set(v, s + 1);
  }
  return { articulationPoints, bridges };
}
