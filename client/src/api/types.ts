/** Response shapes of the Atlas HTTP API (served on the same origin under /api). */

export type Sensitivity = 'CLEAR' | 'GREEN' | 'AMBER' | 'RED';

export type NodeLabel = 'Actor' | 'Mandate' | 'Agreement' | 'Initiative' | 'Threat' | 'Region' | 'Source';

export interface GraphNode {
  id: string;
  label: NodeLabel;
  name: string;
  acronym?: string | null;
  kind?: string | null;
  sensitivity: Sensitivity;
}

export interface GraphEdge {
  id: string;
  source: string;
  target: string;
  type: string;
  sensitivity: Sensitivity;
  validFrom?: string | null;
  validTo?: string | null;
}

export interface Graph {
  nodes: GraphNode[];
  edges: GraphEdge[];
}

export interface GraphResponse extends Graph {
  truncated: boolean;
}

export interface ActorSearchResult {
  id: string;
  name: string;
  acronym: string | null;
  aliases: string[];
  kind: string;
  score: number;
}

export interface ActorSearchResponse {
  query: string;
  results: ActorSearchResult[];
}

export interface ActorSource {
  id: string;
  title: string;
  quote: string | null;
  url?: string | null;
  date?: string | null;
}

export interface Actor {
  id: string;
  name: string;
  acronym: string | null;
  aliases: string[];
  kind: string;
  level: string | null;
  description: string | null;
  sensitivity: Sensitivity;
  sources: ActorSource[];
}

export interface ActorResponse {
  actor: Actor;
  neighbourhood: Graph;
}

export interface HealthResponse {
  status: 'ok';
  neo4j: {
    reachable: boolean;
    version: string | null;
    edition: string | null;
    apoc: string | null;
    gds: string | null;
  };
}

/** RFC 9457 problem details, as every API error is reported. */
export interface Problem {
  type: string;
  title: string;
  status?: number;
  detail?: string;
  errors?: Array<{ field: string; message: string }>;
}
