/**
 * The request contract the API enforces and the client offers: closed sets and limits, in one
 * place so the explorer can never propose what the server refuses. The server's zod request
 * schemas build on these; the client imports this file directly (`@atlas/seed/src/contract`).
 * Keep it free of imports so the browser bundle takes only these constants.
 */

/** Actor search: the longest term and the most results one request may ask for. */
export const SEARCH_LIMITS = { maxTermLength: 200, maxResults: 50 } as const;

export const PATH_MODES = ['shortest', 'k-shortest', 'all'] as const;
export const PATH_DIRECTIONS = ['any', 'outgoing', 'incoming'] as const;

/**
 * Paths: hops per path (beyond 8 the number of candidate paths explodes on a real graph), how
 * many shortest paths `k-shortest` returns, how many paths `all` lists, and the defaults.
 */
export const PATH_LIMITS = {
  maxHops: 8,
  defaultHops: 6,
  maxK: 10,
  defaultK: 3,
  maxPaths: 50,
  defaultPaths: 10,
  maxEndpointLength: 200,
} as const;

export const GAP_KINDS = [
  'uncovered',
  'uncoordinated',
  'presence-without-mandate',
  'early-warning',
  'single-point-of-failure',
  'unfunded',
  'no-funding-recorded',
] as const;
export type GapKind = (typeof GAP_KINDS)[number];

/** Gaps: how far (in hops) an actor may sit from a place to count as present. */
export const GAP_LIMITS = { maxHops: 4, defaultHops: 2 } as const;

/** Region levels a coverage grid can be drawn at (the world is a single cell, so it is not offered). */
export const COVERAGE_LEVELS = ['continent', 'subregion', 'country'] as const;
export type CoverageLevel = (typeof COVERAGE_LEVELS)[number];

export const CENTRALITY_MEASURES = [
  'degree',
  'in-degree',
  'out-degree',
  'betweenness',
  'closeness',
  'harmonic',
  'pagerank',
  'eigenvector',
] as const;
export type CentralityMeasure = (typeof CENTRALITY_MEASURES)[number];

export const CENTRALITY_ENGINES = ['auto', 'gds', 'in-process'] as const;

// ---- GET /api/completeness: the answer's shape (the server builds it, the explorer shows it) ----

export interface NamedRef {
  id: string;
  name: string;
  label: string;
  kind?: string | null;
}

export interface UnquotedFact {
  id: string;
  type: string;
  sourceIds: string[];
  from: NamedRef;
  to: NamedRef;
}

/** One kind of missing knowledge: how many elements of the scope, how many of them unknown, the first few. */
export interface Unknowns<T> {
  inScope: number;
  unknown: number;
  examples: T[];
}

export interface CompletenessReport {
  region: string | null;
  threat: string | null;
  asOf: string;
  /** Initiatives with no funding fact: their funding is unknown, not absent. */
  initiativesWithoutFunding: Unknowns<NamedRef>;
  /** Actors with no region of their own and no members: where they are is unknown. */
  actorsWithoutPresence: Unknowns<NamedRef>;
  /** Relationships with no quote: sourced, but not traceable to a sentence. */
  factsWithoutQuote: Unknowns<UnquotedFact>;
}
