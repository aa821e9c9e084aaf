import { foldParents } from '@atlas/seed/src/folding';
import type { Graph } from '../api/types';
import { UNFOLD_ALL } from './viewState';

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
