import { fetchGraph } from '../../api/atlas';
import { useRequest } from '../../api/useRequest';

/** Threats and regions to pick from (the graph endpoint, limited to those two labels), A–Z. */
export function usePlaces() {
  const request = useRequest('places', (signal) => fetchGraph(2000, signal, { labels: 'Threat,Region' }));
  const nodes = request.status === 'success' ? request.data.nodes : [];
  const byName = (a: { name: string }, b: { name: string }) => a.name.localeCompare(b.name);
  return {
    request,
    threats: nodes.filter((n) => n.label === 'Threat').sort(byName),
    regions: nodes.filter((n) => n.label === 'Region').sort(byName),
  };
}
