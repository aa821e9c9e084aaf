import { useRef } from 'react';
import { fetchGraph, GRAPH_LIMIT } from '../../api/atlas';
import type { GraphResponse } from '../../api/types';
import { useRequest } from '../../api/useRequest';

/**
 * The drawn graph as of a date (null = today): the first GRAPH_LIMIT nodes the API returns.
 * `data` keeps the last answer while a new date loads, so the drawing is not torn down meanwhile.
 */
export function useGraph(asOf: string | null = null) {
  const request = useRequest(`graph:${asOf}`, (signal) => fetchGraph(GRAPH_LIMIT, signal, { asOf }));
  const last = useRef<GraphResponse | null>(null);
  if (request.status === 'success') last.current = request.data;
  return { request, data: request.status === 'error' ? null : last.current };
}
