import type { Graph } from '../../api/types';
import type { PanelHighlight } from '../Panels/panelHighlight';

/**
 * A node and its direct neighbours in `graph`, highlighted and zoomed to: what "Expand" shows
 * when the whole graph is already drawn (there is nothing to add, so it points the neighbours out).
 */
export function neighbourhoodHighlight(graph: Graph, id: string, nonce = Date.now()): PanelHighlight {
  const edges = graph.edges.filter((e) => e.source === id || e.target === id);
  const nodes = [...new Set([id, ...edges.flatMap((e) => [e.source, e.target])])];
  const ids = edges.map((e) => e.id);
  return { nodes, edges: ids, focus: { nodes, edges: ids, nonce } };
}
