import { PATH_LIMITS } from '@atlas/seed/src/contract';
import type { FoundPath } from '../../api/types';
import type { Highlight } from '../../graph/decoration';
import { mergeGraphs } from '../../view/visibleGraph';
import { relTypeWord } from '../../vocabulary';

/** The paths shown (all, or one), as a highlight that also adds their nodes to the drawing. */
export function pathHighlight(paths: FoundPath[], focus?: Highlight['focus']): Highlight & { graph: ReturnType<typeof mergeGraphs> } {
  const graph = mergeGraphs(...paths);
  return { nodes: graph.nodes.map((n) => n.id), edges: graph.edges.map((e) => e.id), graph, focus };
}

/** Why nothing was found (the server's reason when it gives one) and what to try next. */
export function noPathAdvice(maxHops: number, types: string[], reason?: string): string {
  const why = reason?.replace(/\.$/, '') || `No path within ${maxHops} hop${maxHops === 1 ? '' : 's'}`;
  if (types.length > 0 && !types.includes('MEMBER_OF')) return `${why}; try also allowing “${relTypeWord('MEMBER_OF').name}”.`;
  if (types.length > 0) return `${why}; try allowing more relationship types, or all of them.`;
  if (maxHops < PATH_LIMITS.maxHops) return `${why}; try allowing more hops (up to ${PATH_LIMITS.maxHops}).`;
  return `${why}: these two are not connected in the data you may see.`;
}
