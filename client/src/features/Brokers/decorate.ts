import type { CentralityResponse, CommunitiesResponse, StructureResponse } from '../../api/types';
import type { Decoration } from '../../graph/decoration';

/** Communities largest first: the order fixes each one's colour, in the list and on the graph. */
export function orderedCommunities(data: CommunitiesResponse) {
  return [...data.communities].sort((a, b) => b.size - a.size || String(a.id).localeCompare(String(b.id)));
}

export function brokerDecoration(
  ranked: CentralityResponse | null,
  communities: CommunitiesResponse | null,
  structure: StructureResponse | null,
): Decoration {
  const size = ranked ? Object.fromEntries(ranked.results.map((r) => [r.id, r.normalized])) : undefined;
  let community: Record<string, number> | undefined;
  if (communities) {
    const index = new Map(orderedCommunities(communities).map((c, i) => [String(c.id), i]));
    community = Object.fromEntries(
      Object.entries(communities.assignments).map(([node, c]) => [node, index.get(String(c)) ?? 0] as [string, number]),
    );
  }
  return { size, community, articulation: structure?.articulationPoints.map((a) => a.id) };
}
