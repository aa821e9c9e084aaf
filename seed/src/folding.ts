/**
 * Which nodes fold into which in the explorer's opening view: member states into the
 * organisations they are members of, and countries into the region they are part of. A mediator
 * opens the explorer for the organisations and their ties; the seed's 120 member states and 125
 * countries would otherwise bury them. Shared by the server (which lays the other nodes out
 * first) and the client (which folds); import-free so the browser bundle takes only this.
 */

export interface FoldNode {
  id: string;
  label: string;
  kind?: string | null;
}

export interface FoldEdge {
  source: string;
  target: string;
  type: string;
}

/** Child id → the ids of the parents it folds into (in the order of the edges). */
export function foldParents(graph: { nodes: FoldNode[]; edges: FoldEdge[] }): Map<string, string[]> {
  const byId = new Map(graph.nodes.map((n) => [n.id, n]));
  const parents = new Map<string, string[]>();
  for (const e of graph.edges) {
    const child = byId.get(e.source);
    const parent = byId.get(e.target);
    if (child && parent && foldsInto(child, e.type, parent)) parents.set(child.id, [...(parents.get(child.id) ?? []), parent.id]);
  }
  return parents;
}

function foldsInto(child: FoldNode, type: string, parent: FoldNode): boolean {
  if (type === 'MEMBER_OF') return child.label === 'Actor' && child.kind === 'member-state' && parent.label === 'Actor';
  if (type === 'PART_OF') return child.label === 'Region' && child.kind === 'country' && parent.label === 'Region';
  return false;
}
