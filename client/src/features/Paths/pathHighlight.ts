import type { FoundPath } from '../../api/types';
import type { Highlight } from '../../graph/decoration';
import { mergeGraphs } from '../../view/visibleGraph';

/** The paths shown (all, or one), as a highlight that also adds their nodes to the drawing. */
export function pathHighlight(paths: FoundPath[], focus?: Highlight['focus']): Highlight & { graph: ReturnType<typeof mergeGraphs> } {
  const graph = mergeGraphs(...paths);
  return { nodes: graph.nodes.map((n) => n.id), edges: graph.edges.map((e) => e.id), graph, focus };
}

/** What to try when no path was found, given what the search allowed. */
export function noPathAdvice(maxHops: number, types: string[]): string {
  if (types.length > 0 && !types.includes('MEMBER_OF')) return `No path within ${maxHops} hops; try allowing memberships (MEMBER_OF).`;
  if (types.length > 0) return `No path within ${maxHops} hops; try allowing more relationship types, or all of them.`;
  if (maxHops < 10) return `No path within ${maxHops} hops; try allowing more hops.`;
  return `No path within ${maxHops} hops: these two are not connected in the data you may see.`;
}
