import { useRef } from 'react';
import { fetchGraph, GRAPH_LIMIT } from '../../api/atlas';
import type { GraphResponse } from '../../api/types';
import { useRequest } from '../../api/useRequest';
import { markFirstDraw } from '../../firstDraw';

const NOTHING: GraphResponse = { nodes: [], edges: [], truncated: false };

/**
 * The drawn graph as of a date (null = today): the first GRAPH_LIMIT nodes the API returns.
 * `data` keeps the last answer while a new date loads, so the drawing is not torn down meanwhile;
 * with `enabled` false nothing is fetched and the base graph is empty.
 */
export function useGraph(asOf: string | null = null, enabled = true) {
  const request = useRequest(enabled ? `graph:${asOf}` : null, (signal) => fetchGraph(GRAPH_LIMIT, signal, { asOf }));
  const last = useRef<GraphResponse | null>(null);
  if (request.status === 'success') {
    markFirstDraw('graph-fetched');
    last.current = request.data;
  }
  if (!enabled) return { request, data: NOTHING };
  return { request, data: request.status === 'error' ? null : last.current };
}
