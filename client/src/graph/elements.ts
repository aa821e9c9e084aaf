import type { Graph, GraphNode } from '../api/types';
import type { ElementDefinition } from './cytoscape';
import { type KindStyle, kindOf, kindOrder, styleFor } from './palette';

/** What a node shows on the canvas: its acronym when it has one, else its name. */
export function displayLabel(node: Pick<GraphNode, 'name' | 'acronym'>): string {
  return node.acronym?.trim() || node.name;
}

/** The text under a node: its label, and how many members are folded into it. */
export function captionOf(display: string, folded = 0): string {
  return folded > 0 ? `${display} +${folded}` : display;
}

/**
 * Graph payload → Cytoscape elements (`folded`: parent id → members folded into it). Style values ride along in `data` so the stylesheet is a
 * fixed set of data() mappers. Edges whose endpoints were not returned (a truncated graph) are
 * dropped, because Cytoscape refuses an edge to a missing node.
 */
export function toElements(graph: Graph, folded: Record<string, number> = {}): ElementDefinition[] {
  const ids = new Set(graph.nodes.map((n) => n.id));
  const nodes = graph.nodes.map((node): ElementDefinition => {
    const kind = kindOf(node);
    const { fill, ink, shape } = styleFor(kind);
    const display = displayLabel(node);
    const count = folded[node.id] ?? 0;
    return {
      group: 'nodes',
      data: {
        id: node.id,
        label: node.label,
        name: node.name,
        display,
        caption: captionOf(display, count),
        ...(count > 0 ? { folded: count } : {}),
        kind,
        sensitivity: node.sensitivity,
        fill,
        ink,
        shape,
      },
    };
  });
  const edges = graph.edges
    .filter((edge) => ids.has(edge.source) && ids.has(edge.target))
    .map(
      (edge): ElementDefinition => ({
        group: 'edges',
        data: { id: edge.id, source: edge.source, target: edge.target, type: edge.type },
      }),
    );
  return [...nodes, ...edges];
}

export interface LegendEntry extends KindStyle {
  count: number;
}

/** The kinds present among `nodes`, with counts, known kinds in palette order then unknown ones A–Z. */
export function legendEntries(nodes: GraphNode[]): LegendEntry[] {
  const counts = new Map<string, number>();
  for (const node of nodes) {
    const kind = kindOf(node);
    counts.set(kind, (counts.get(kind) ?? 0) + 1);
  }
  return [...counts]
    .map(([kind, count]) => ({ ...styleFor(kind), count }))
    .sort((a, b) => kindOrder(a.kind) - kindOrder(b.kind) || a.kind.localeCompare(b.kind));
}
