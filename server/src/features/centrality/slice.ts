import { SENSITIVITY } from '@atlas/seed';
import type { ManagedTransaction } from 'neo4j-driver';
import type { Params } from '../../db/database.js';
import { int, toNeo4jDate } from '../../db/values.js';
import { AppError } from '../../errors.js';
import type { Caller } from '../../http/caller.js';
import { IN_PROCESS_MAX_RELATIONSHIPS } from './measures.js';
import type { SliceEdge, SliceGraph, SliceNode } from './model.js';
import { q } from './queries.js';
import type { Slice } from './schema.js';

/** The node ids a region or threat scope keeps, or a 404 naming the id when the caller cannot see it. */
async function scopeIds(tx: ManagedTransaction, query: string, what: string, id: string, base: Params): Promise<Set<string>> {
  const result = await tx.run<{ ids: string[] }>(query, { ...base, id });
  const row = result.records[0];
  if (!row) throw AppError.notFound(what, id);
  return new Set(row.get('ids'));
}

/**
 * The Cypher parameters that select a slice: node labels, actor kinds, relationship types, the
 * caller's sensitivity levels, the date, and the ids in the region/threat scope (both given: the
 * nodes in both). The same parameters drive the in-process fetch and the GDS projection, so both
 * engines see exactly the same graph.
 */
export async function sliceParameters(tx: ManagedTransaction, caller: Caller, slice: Slice): Promise<Params> {
  return {
    ...(await scopeParameters(tx, caller, slice)),
    labels: slice.labels,
    types: slice.types,
    kinds: slice.kinds ?? null,
    network: slice.network ?? null,
  };
}

/**
 * The caller's levels, the date, and the ids in the region/threat scope (null: the whole graph);
 * also used by the data-completeness report, so both answer for the same part of the graph.
 */
export async function scopeParameters(
  tx: ManagedTransaction,
  caller: Caller,
  where: { region?: string | undefined; threat?: string | undefined; asOf?: string | undefined },
): Promise<Params> {
  const base: Params = { allowed: caller.allowed, asOf: where.asOf ? toNeo4jDate(where.asOf) : null };
  let scope: Set<string> | null = null;
  if (where.region) scope = await scopeIds(tx, q.regionScope, 'Region', where.region, base);
  if (where.threat) {
    const threat = await scopeIds(tx, q.threatScope, 'Threat', where.threat, base);
    scope = scope ? new Set([...scope].filter((id) => threat.has(id))) : threat;
  }
  return { ...base, scope: scope ? [...scope] : null };
}

/**
 * Whether every element of the slice's labels and types is in it for this caller: all sensitivity
 * levels visible, no date, kinds or scope, and no import in flight (its staged elements are in
 * the database, invisible). Then the fast-path queries skip the property predicates, whatever
 * the labels (the default slice's three as well as every label).
 */
async function isWholeGraph(tx: ManagedTransaction, caller: Caller, slice: Slice): Promise<boolean> {
  const unfiltered =
    SENSITIVITY.every((level) => caller.allowed.includes(level)) &&
    !slice.asOf &&
    !slice.kinds &&
    !slice.region &&
    !slice.threat &&
    !slice.network;
  return unfiltered && (await tx.run(q.importsInFlight)).records[0]?.get('inFlight') === false;
}

/**
 * Every visible node and relationship of the slice, read once in one transaction (one snapshot),
 * or null when it has more relationships than the in-process engine takes: the relationships
 * are read with a limit one above that, so no separate counting pass is needed.
 */
export async function fetchSlice(tx: ManagedTransaction, caller: Caller, slice: Slice, params: Params): Promise<SliceGraph | null> {
  const whole = await isWholeGraph(tx, caller, slice);
  const limited = { ...params, maxRelationships: int(IN_PROCESS_MAX_RELATIONSHIPS + 1) };
  const nodes = (await tx.run<SliceNode>(whole ? q.sliceNodesWhole : q.sliceNodes, limited)).records.map((r) => r.toObject() as SliceNode);
  const edges = (await tx.run<SliceEdge>(whole ? q.sliceEdgesWhole : q.sliceEdges, limited)).records.map((r) => r.toObject() as SliceEdge);
  return edges.length > IN_PROCESS_MAX_RELATIONSHIPS ? null : { nodes, edges };
}
