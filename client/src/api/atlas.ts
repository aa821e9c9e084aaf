import { getJson, startEarly } from './http';
import type {
  ActorResponse,
  ActorSearchResponse,
  CentralityResponse,
  CommunitiesResponse,
  CoverageResponse,
  GapsResponse,
  GraphResponse,
  HealthResponse,
  PathsResponse,
  RespondersResponse,
  StructureResponse,
} from './types';

/** Nodes drawn at most: the explorer stays interactive at 5,000 (see test/bench/render.ts). */
export const GRAPH_LIMIT = 5000;

type Params = Record<string, string | number | null | undefined>;

/** Query string of the set values only, so an unset filter never reaches the API as "". */
export function query(params: Params): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value !== null && value !== undefined && value !== '') search.set(key, String(value));
  }
  const text = search.toString();
  return text ? `?${text}` : '';
}

export function fetchHealth(signal?: AbortSignal): Promise<HealthResponse> {
  return getJson('/health', signal);
}

const graphPath = (limit: number, extra: Params) => `/graph${query({ limit, ...extra })}`;

export function fetchGraph(limit = GRAPH_LIMIT, signal?: AbortSignal, extra: Params = {}): Promise<GraphResponse> {
  return getJson(graphPath(limit, extra), signal);
}

/** Starts the opening graph's request (as useGraph will make it) before the app has loaded. */
export function prefetchGraph(asOf: string | null): void {
  startEarly(graphPath(GRAPH_LIMIT, { asOf }));
}

export function searchActors(q: string, limit = 10, signal?: AbortSignal): Promise<ActorSearchResponse> {
  return getJson(`/actors/search${query({ q, limit })}`, signal);
}

export function fetchActor(id: string, signal?: AbortSignal, asOf?: string | null): Promise<ActorResponse> {
  return getJson(`/actors/${encodeURIComponent(id)}${query({ asOf })}`, signal);
}

export function fetchPaths(params: Params, signal?: AbortSignal): Promise<PathsResponse> {
  return getJson(`/paths${query(params)}`, signal);
}

export function fetchCentrality(params: Params, signal?: AbortSignal): Promise<CentralityResponse> {
  return getJson(`/centrality${query(params)}`, signal);
}

export function fetchCommunities(params: Params, signal?: AbortSignal): Promise<CommunitiesResponse> {
  return getJson(`/centrality/communities${query(params)}`, signal);
}

export function fetchStructure(params: Params, signal?: AbortSignal): Promise<StructureResponse> {
  return getJson(`/centrality/structure${query(params)}`, signal);
}

export function fetchResponders(params: Params, signal?: AbortSignal): Promise<RespondersResponse> {
  return getJson(`/responders${query(params)}`, signal);
}

export function fetchGaps(params: Params, signal?: AbortSignal): Promise<GapsResponse> {
  return getJson(`/gaps${query(params)}`, signal);
}

export function fetchCoverage(params: Params, signal?: AbortSignal): Promise<CoverageResponse> {
  return getJson(`/coverage${query(params)}`, signal);
}
