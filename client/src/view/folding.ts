import type { Graph, GraphNode } from '../api/types';
import { UNFOLD_ALL } from './viewState';

/**
 * Which nodes fold into which: member states into the organisations they are members of, and
 * countries into the region they are part of. A mediator opens the explorer for the two dozen
 * organisations and their ties; the 120 member states and 125 countries of the seed would
 * otherwise bury them. Child id → parent ids.
 */
export function foldParents(graph: Graph): Map<string, string[]> {
  const byId = new Map(graph.nodes.map((n) => [n.id, n]));
  const parents = new Map<string, string[]>();
  for (const e of graph.edges) {
    const child = byId.get(e.source);
    const parent = byId.get(e.target);
    if (child && parent && foldsInto(child, e.type, parent)) parents.set(child.id, [...(parents.get(child.id) ?? []), parent.id]);
  }
  return parents;
}

function foldsInto(child: GraphNode, type: string, parent: GraphNode): boolean {
  if (type === 'MEMBER_OF') return child.label === 'Actor' && child.kind === 'member-state' && parent.label === 'Actor';
  if (type === 'PART_OF') return child.label === 'Region' && child.kind === 'country' && parent.label === 'Region';
  return false;
}

export interface FoldedGraph {
  graph: Graph;
  /** Parent id → how many of its members are folded into it (parents with none are absent). */
  folded: Record<string, number>;
  /** Parent id → how many members it has in the graph, folded or not (what a fold control offers). */
  members: Record<string, number>;
}

/**
 * The graph with members folded: a member is left out while every parent it has in the graph is
 * folded, so unfolding any one of them brings it back. `unfolded` lists the unfolded parents
 * (UNFOLD_ALL: all); `keep` lists nodes always drawn (selected, pinned, expanded, highlighted).
 */
export function foldMembers(graph: Graph, unfolded: readonly string[], keep: ReadonlySet<string>): FoldedGraph {
  const parentsOf = foldParents(graph);
  const open = new Set(unfolded);
  const members: Record<string, number> = {};
  for (const parents of parentsOf.values()) for (const p of parents) members[p] = (members[p] ?? 0) + 1;
  if (open.has(UNFOLD_ALL)) return { graph, folded: {}, members };
  const hidden = new Set<string>();
  const folded: Record<string, number> = {};
  for (const [child, parents] of parentsOf) {
    if (keep.has(child) || parents.some((p) => open.has(p))) continue;
    hidden.add(child);
    for (const p of parents) folded[p] = (folded[p] ?? 0) + 1;
  }
  if (hidden.size === 0) return { graph, folded, members };
  return {
    graph: {
      nodes: graph.nodes.filter((n) => !hidden.has(n.id)),
      edges: graph.edges.filter((e) => !hidden.has(e.source) && !hidden.has(e.target)),
    },
    folded,
    members,
  };
}
