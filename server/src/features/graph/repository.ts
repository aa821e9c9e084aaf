import type { Database } from '../../db/database.js';
import { defineQueries } from '../../db/queries.js';
import { int, toNeo4jDate, toPlain } from '../../db/values.js';
import type { Caller } from '../../http/caller.js';
import type { GraphEdge, GraphNode, Subgraph } from './model.js';

const q = defineQueries('graph', ['nodes', 'edges']);

export interface GraphFilter {
  labels: string[];
  asOf?: string;
  limit: number;
}

export async function findVisibleGraph(db: Database, caller: Caller, filter: GraphFilter): Promise<Subgraph & { truncated: boolean }> {
  const asOf = filter.asOf ? toNeo4jDate(filter.asOf) : null;
  return db.readTransaction(async (tx) => {
    const nodeResult = await tx.run(q.nodes, { labels: filter.labels, allowed: caller.allowed, asOf, limit: int(filter.limit + 1) });
    const nodes = nodeResult.records.map((r) => toPlain(r.get('node')) as GraphNode);
    const truncated = nodes.length > filter.limit;
    if (truncated) nodes.pop();
    const ids = nodes.map((n) => n.id);
    const edgeResult = await tx.run(q.edges, { ids, allowed: caller.allowed, asOf });
    const edges = edgeResult.records.map((r) => toPlain(r.get('edge')) as GraphEdge);
    // In a fixed order, as the nodes are: the query's row order is its plan's, which Neo4j may
    // change when the statistics do, and the same graph must give the same bytes (kept answers,
    // ETags, the seeded layout).
    edges.sort(byEdgeKey);
    return { nodes, edges, truncated };
  });
}

const edgeKey = (e: GraphEdge) => [e.id ?? '', e.source, e.target, e.type];

function byEdgeKey(a: GraphEdge, b: GraphEdge): number {
  const [x, y] = [edgeKey(a), edgeKey(b)];
  for (let i = 0; i < x.length; i++) if (x[i] !== y[i]) return (x[i] as string) < (y[i] as string) ? -1 : 1;
  return 0;
}
