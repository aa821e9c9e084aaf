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
  const neighbours = new Map([...adjacency].map(([n, set]) => [n, [...set]]));
  const discovered = new Map<string, number>();
  const low = new Map<string, number>();
  const points = new Set<string>();
  let time = 0;

  for (const root of neighbours.keys()) {
    if (discovered.has(root)) continue;
    discovered.set(root, time);
    low.set(root, time++);
    let rootChildren = 0;
    const stack: Array<{ node: string; parent: string | null; next: number }> = [{ node: root, parent: null, next: 0 }];
    while (stack.length > 0) {
      const frame = stack[stack.length - 1] as (typeof stack)[number];
      const list = neighbours.get(frame.node) as string[];
      if (frame.next < list.length) {
        const other = list[frame.next++] as string;
        if (other === frame.parent) continue;
        if (discovered.has(other)) {
          low.set(frame.node, Math.min(low.get(frame.node) as number, discovered.get(other) as number));
        } else {
          discovered.set(other, time);
          low.set(other, time++);
          if (frame.node === root) rootChildren++;
          stack.push({ node: other, parent: frame.node, next: 0 });
        }
        continue;
      }
      stack.pop();
      const parent = frame.parent;
      if (parent === null) continue;
      low.set(parent, Math.min(low.get(parent) as number, low.get(frame.node) as number));
      if (parent !== root && (low.get(frame.node) as number) >= (discovered.get(parent) as number)) points.add(parent);
    }
    if (rootChildren > 1) points.add(root);
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
