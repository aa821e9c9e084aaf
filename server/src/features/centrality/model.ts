import type { Engine, Measure } from './schema.js';

/** A node of a centrality slice, as the results name it. */
export interface SliceNode {
  id: string;
  name: string;
  label: string;
  kind: string | null;
}

export interface SliceEdge {
  source: string;
  target: string;
  type: string;
  id: string;
  /** The relationship's weight (null: none, counted as 1 by weighted measures). */
  weight?: number | null;
  /** false for an undirected tie: directed measures read it both ways. */
  directed?: boolean;
}

/** A slice fetched for the in-process engine: every visible node and relationship in it. */
export interface SliceGraph {
  nodes: SliceNode[];
  edges: SliceEdge[];
}

export interface RankedNode extends SliceNode {
  value: number;
  normalized: number;
  rank: number;
}

export interface CentralityResult {
  measure: Measure;
  engine: Engine;
  normalization: string;
  estimate: null | { samples: number };
  graph: { nodes: number; relationships: number };
  results: RankedNode[];
}

/** Raw and normalized scores per node id, as an engine computes them before ranking. */
export interface Scores {
  value: Map<string, number>;
  normalized: Map<string, number>;
  graph: { nodes: number; relationships: number };
  estimate: null | { samples: number };
}

export interface CommunitiesResult {
  engine: Engine;
  algorithm: 'louvain';
  modularity: number;
  communities: Array<{ id: number; size: number; members: string[] }>;
  assignments: Record<string, number>;
}

export interface StructureResult {
  engine: 'in-process';
  articulationPoints: Array<SliceNode & { components: number }>;
  bridges: SliceEdge[];
}
