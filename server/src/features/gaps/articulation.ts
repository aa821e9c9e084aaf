/**
 * Articulation points of an undirected graph (nodes whose removal disconnects the others),
 * by Tarjan's depth-first low-link method, written with an explicit stack so that deep graphs
 * cannot overflow the call stack. Self-loops and parallel edges are ignored.
 */
export function articulationPoints(nodes: Iterable<string>, edges: Iterable<readonly [string, string]>): Set<string> {
  const adjacency = new Map<string, Set<string>>();
  for (const n of nodes) adjacency.set(n, new Set());
  for (const [a, b] of edges) {
    if (a === b || !adjacency.has(a) || !adjacency.has(b)) continue;
    adjacency.get(a)?.add(b);
    adjacency.get(b)?.add(a);
  }
  const ids = [...adjacency.keys()];
  const index = new Map(ids.map((id, i) => [id, i]));
  const start = new Int32Array(ids.length + 1);
  ids.forEach((id, i) => {
    start[i + 1] = (start[i] as number) + (adjacency.get(id)?.size ?? 0);
  });
  const neighbours = new Int32Array(start[ids.length] as number);
  let at = 0;
  for (const id of ids) for (const other of adjacency.get(id) ?? []) neighbours[at++] = index.get(other) as number;
  const flags = articulationFlags(ids.length, start, neighbours);
  return new Set(ids.filter((_, i) => flags[i] === 1));
}

/**
 * The same on nodes 0..n-1 given as adjacency lists in one array (the neighbours of i are
 * `neighbours[start[i]]` to `neighbours[start[i + 1] - 1]`, each undirected edge listed from both
 * ends): 1 for an articulation point. Typed arrays only: a gap count runs it for every question.
 */
export function articulationFlags(n: number, start: Int32Array, neighbours: Int32Array): Uint8Array {
  const points = new Uint8Array(n);
  const discovered = new Int32Array(n).fill(-1);
  const low = new Int32Array(n);
  const parent = new Int32Array(n);
  const next = new Int32Array(n);
  const stack = new Int32Array(n);
  let time = 0;
  for (let root = 0; root < n; root++) {
    if (discovered[root] !== -1) continue;
    discovered[root] = time;
    low[root] = time++;
    parent[root] = -1;
    next[root] = start[root] as number;
    let rootChildren = 0;
    let depth = 0;
    stack[0] = root;
    while (depth >= 0) {
      const node = stack[depth] as number;
      if ((next[node] as number) < (start[node + 1] as number)) {
        const other = neighbours[next[node] as number] as number;
        next[node] = (next[node] as number) + 1;
        if (other === parent[node] || other === node) continue;
        if (discovered[other] !== -1) {
          if ((discovered[other] as number) < (low[node] as number)) low[node] = discovered[other] as number;
        } else {
          discovered[other] = time;
          low[other] = time++;
          parent[other] = node;
          next[other] = start[other] as number;
          if (node === root) rootChildren++;
          stack[++depth] = other;
        }
        continue;
      }
      depth--;
      const up = parent[node] as number;
      if (up === -1) continue;
      if ((low[node] as number) < (low[up] as number)) low[up] = low[node] as number;
      if (up !== root && (low[node] as number) >= (discovered[up] as number)) points[up] = 1;
    }
    if (rootChildren > 1) points[root] = 1;
  }
  return points;
}

/** Connected components of the graph once `removed` is taken out (each sorted, largest first). */
export function componentsWithout(nodes: Iterable<string>, edges: Iterable<readonly [string, string]>, removed: string): string[][] {
  const adjacency = new Map<string, string[]>();
  for (const n of nodes) if (n !== removed) adjacency.set(n, []);
  for (const [a, b] of edges) {
    if (!adjacency.has(a) || !adjacency.has(b) || a === b) continue;
    adjacency.get(a)?.push(b);
    adjacency.get(b)?.push(a);
  }
  const seen = new Set<string>();
  const components: string[][] = [];
  for (const start of adjacency.keys()) {
    if (seen.has(start)) continue;
    seen.add(start);
    const component = [start];
    for (let i = 0; i < component.length; i++) {
      for (const n of adjacency.get(component[i] as string) ?? []) {
        if (!seen.has(n)) {
          seen.add(n);
          component.push(n);
        }
      }
    }
    components.push(component.sort());
  }
  return components.sort((a, b) => b.length - a.length || (a[0] as string).localeCompare(b[0] as string));
}
