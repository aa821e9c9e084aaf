import type { Sensitivity } from '../../config.js';

/** A node as the explorer draws it. */
export interface GraphNode {
  id: string;
  label: string;
  name: string;
  acronym: string | null;
  kind: string | null;
  sensitivity: Sensitivity;
}

export interface GraphEdge {
  id: string;
  source: string;
  target: string;
  type: string;
  sensitivity: Sensitivity;
  validFrom: string | null;
  validTo: string | null;
}

export interface Subgraph {
  nodes: GraphNode[];
  edges: GraphEdge[];
}
