import { fetchGraph, GRAPH_LIMIT } from '../../api/atlas';
import { useRequest } from '../../api/useRequest';

/** The drawn graph: the first GRAPH_LIMIT nodes the API returns. */
export function useGraph() {
  return useRequest('graph', (signal) => fetchGraph(GRAPH_LIMIT, signal));
}
