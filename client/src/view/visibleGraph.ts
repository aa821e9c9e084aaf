import type { Graph, GraphEdge, GraphNode } from '../api/types';
import { kindOf } from '../graph/palette';
import { type Filters, SENSITIVITIES } from './viewState';

/** The union of graphs, each node and edge once (the first copy wins). */
export function mergeGraphs(...graphs: Array<Graph | null | undefined>): Graph {
  const nodes = new Map<string, GraphNode>();
  const edges = new Map<string, GraphEdge>();
  for (const graph of graphs) {
    for (const node of graph?.nodes ?? []) if (!nodes.has(node.id)) nodes.set(node.id, node);
    for (const edge of graph?.edges ?? []) if (!edges.has(edge.id)) edges.set(edge.id, edge);
  }
  return { nodes: [...nodes.values()], edges: [...edges.values()] };
}

/**
 * The ids within reach of `root`: itself, what lies below it by `hierarchy` edges (sub-regions,
 * threat subtypes, followed child → parent), and every node with an edge to one of those.
 */
export function aroundPlace(graph: Graph, root: string, hierarchy: string): Set<string> {
  const places = new Set([root]);
  for (let grew = true; grew; ) {
    grew = false;
    for (const e of graph.edges) {
      if (e.type === hierarchy && places.has(e.target) && !places.has(e.source)) {
        places.add(e.source);
        grew = true;
      }
    }
  }
  const around = new Set(places);
  for (const e of graph.edges) {
    if (places.has(e.source)) around.add(e.target);
    if (places.has(e.target)) around.add(e.source);
  }
  return around;
}

/** What is drawn: the filters and hidden nodes applied; edges need both ends drawn. */
export function visibleGraph(graph: Graph, filters: Filters, hidden: string[]): Graph {
  const nearRegion = filters.region ? aroundPlace(graph, filters.region, 'PART_OF') : null;
  const nearThreat = filters.threat ? aroundPlace(graph, filters.threat, 'SUBTYPE_OF') : null;
  const level = SENSITIVITIES.indexOf(filters.maxSensitivity);
  const allowed = (s: string) => SENSITIVITIES.indexOf(s as Filters['maxSensitivity']) <= level;
  const hiddenIds = new Set(hidden);
  const hiddenKinds = new Set(filters.kinds);
  const hiddenTypes = new Set(filters.types);
  const nodes = graph.nodes.filter(
    (n) =>
      !hiddenIds.has(n.id) &&
      !hiddenKinds.has(kindOf(n)) &&
      allowed(n.sensitivity) &&
      (!nearRegion || nearRegion.has(n.id)) &&
      (!nearThreat || nearThreat.has(n.id)),
  );
  const ids = new Set(nodes.map((n) => n.id));
  const edges = graph.edges.filter((e) => ids.has(e.source) && ids.has(e.target) && !hiddenTypes.has(e.type) && allowed(e.sensitivity));
  return { nodes, edges };
}

/** Relationship types present, A–Z (what the type filters and path type choices offer). */
export function edgeTypes(graph: Graph): string[] {
  return [...new Set(graph.edges.map((e) => e.type))].sort();
}

/** The years the data's dated facts span, for the as-of slider; null when nothing is dated. */
export function yearRange(graph: Graph): { min: number; max: number } | null {
  const years = graph.edges
    .flatMap((e) => [e.validFrom, e.validTo])
    .filter((d): d is string => typeof d === 'string' && /^\d{4}/.test(d))
    .map((d) => Number(d.slice(0, 4)));
  if (years.length === 0) return null;
  return { min: Math.min(...years), max: Math.max(new Date().getFullYear(), ...years) };
}
