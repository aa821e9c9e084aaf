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
    return { nodes, edges, truncated };
  });
}
