import type { CoverageLevel, PATH_DIRECTIONS, PATH_MODES } from '@atlas/seed/src/contract';

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

/** Node id → where the server's layout put it (Cytoscape model coordinates). */
export type Positions = Record<string, { x: number; y: number }>;

export interface GraphResponse extends Graph {
  truncated: boolean;
  /** Laid out on the server once per graph version, so the first draw needs no layout. */
  positions?: Positions;
  layoutVersion?: string;
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

/** A cited source behind one fact. */
export interface FactSource {
  id: string;
  title: string;
  quote?: string | null;
}

export type PathMode = (typeof PATH_MODES)[number];
export type PathDirection = (typeof PATH_DIRECTIONS)[number];

export interface PathStep {
  edgeId: string;
  from: string;
  to: string;
  type: string;
  text: string;
  sources: FactSource[];
}

export interface FoundPath extends Graph {
  length: number;
  sentence: string;
  steps: PathStep[];
}

export interface PathsResponse {
  from: { id: string; name: string };
  to: { id: string; name: string };
  mode: PathMode;
  paths: FoundPath[];
  reason?: string;
}

export interface CentralityResult {
  id: string;
  name: string;
  label: NodeLabel;
  kind?: string | null;
  value: number;
  normalized: number;
  rank: number;
}

export interface CentralityResponse {
  measure: string;
  engine: string;
  normalization: string;
  estimate: null | { samples: number };
  graph: { nodes: number; relationships: number };
  results: CentralityResult[];
}

export interface CommunitiesResponse {
  engine: string;
  algorithm: string;
  modularity: number;
  communities: Array<{ id: number | string; size: number; members: string[] }>;
  assignments: Record<string, number | string>;
}

export interface StructureResponse {
  articulationPoints: Array<{ id: string; name: string; label: NodeLabel; kind?: string | null; components: number }>;
  bridges: Array<{ source: string; target: string; type: string; id: string }>;
}

export interface EvidenceFact {
  text: string;
  relationshipIds: string[];
  path?: unknown;
  sources: FactSource[];
}

export const BREAKDOWN_PARTS = ['mandate', 'presence', 'instruments', 'dataFeeds', 'ties'] as const;
export type BreakdownPart = (typeof BREAKDOWN_PARTS)[number];

export interface BreakdownEntry {
  score: number;
  weight: number;
  contribution: number;
  inherited?: boolean;
  facts: EvidenceFact[];
}

/**
 * How an actor is in the region asked (server positioning/model.ts): field (works in it, a part of it
 * or a containing region), members (only through its member states there), global (a world-level
 * remit, never presence on the ground) or none.
 */
export const PRESENCE_TIERS = ['field', 'members', 'global', 'none'] as const;
export type PresenceTier = (typeof PRESENCE_TIERS)[number];

export interface Responder {
  rank: number;
  actor: GraphNode;
  score: number;
  /** A mandate and a field or member presence (SCORING.md): the count the Gaps heat map shows. */
  positioned: boolean;
  presenceTier: PresenceTier;
  breakdown: Partial<Record<BreakdownPart, BreakdownEntry>>;
  lacks: string[];
  /** An organisation's organs that are also in the answer, ranked, each with its own breakdown (absent when none). */
  organs?: Responder[];
  /** With organs: the best score in the family, which places the row. */
  familyScore?: number;
}

export interface RespondersResponse {
  threat: NodeRef;
  region: NodeRef;
  weights: Record<string, number>;
  responders: Responder[];
}

export interface Gap {
  kind: string;
  threat?: NodeRef | null;
  region?: NodeRef | null;
  actors: GraphNode[];
  description: string;
  evidence: EvidenceFact[];
}

export interface GapsResponse {
  gaps: Gap[];
}

export type { CoverageLevel };

/** A node named in an answer: its id, or (as the coverage endpoint sends) its id and name. */
export type NodeRef = string | { id: string; name: string };

export function refId(ref: NodeRef | null | undefined): string | null {
  return typeof ref === 'string' ? ref : (ref?.id ?? null);
}

export interface CoverageCell {
  threat: NodeRef;
  region: NodeRef;
  positioned: number;
  affected: boolean;
  gaps: Record<string, number>;
}

export interface CoverageResponse {
  level: CoverageLevel;
  threats: Array<{ id: string; name: string }>;
  regions: Array<{ id: string; name: string }>;
  cells: CoverageCell[];
}
