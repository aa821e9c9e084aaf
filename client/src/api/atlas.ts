import { getJson } from './http';
import type { ActorResponse, ActorSearchResponse, GraphResponse, HealthResponse } from './types';

export const GRAPH_LIMIT = 2000;

export function fetchHealth(signal?: AbortSignal): Promise<HealthResponse> {
  return getJson('/health', signal);
}

export function fetchGraph(limit = GRAPH_LIMIT, signal?: AbortSignal): Promise<GraphResponse> {
  return getJson(`/graph?${new URLSearchParams({ limit: String(limit) })}`, signal);
}

export function searchActors(query: string, limit = 10, signal?: AbortSignal): Promise<ActorSearchResponse> {
  return getJson(`/actors/search?${new URLSearchParams({ q: query, limit: String(limit) })}`, signal);
}

export function fetchActor(id: string, signal?: AbortSignal): Promise<ActorResponse> {
  return getJson(`/actors/${encodeURIComponent(id)}`, signal);
}
