import { NODE_LABELS, REL_TYPES, type SeedGraph } from '@atlas/seed';
import type { ManagedTransaction } from 'neo4j-driver';
import type { Database } from './database.js';
import { isIsoDate, toNeo4jDate } from './values.js';

/** Property names whose 'YYYY-MM-DD' values are stored as Neo4j DATEs, so Cypher can compare them. */
export const DATE_KEYS = new Set(['validFrom', 'validTo', 'asOf', 'signed', 'validUntil', 'started', 'ended', 'date', 'since', 'until']);

export interface LoadReport {
  nodes: number;
  relationships: number;
}

type Row = Record<string, unknown>;

export function toStored(properties: Record<string, unknown>): Row {
  const stored: Row = {};
  for (const [key, value] of Object.entries(properties)) {
    if (value === undefined || value === null) continue;
    stored[key] = DATE_KEYS.has(key) && isIsoDate(value) ? toNeo4jDate(value) : value;
  }
  if (Array.isArray(stored.aliases)) stored.aliasText = (stored.aliases as string[]).join(' | ');
  return stored;
}

/** Stable relationship ids, so re-loading the seed merges onto the same relationships. */
function relationshipIds(graph: SeedGraph): string[] {
  const seen = new Map<string, number>();
  return graph.relationships.map((rel) => {
    const role = typeof rel.properties.role === 'string' ? `:${rel.properties.role}` : '';
    const base = `${rel.from}|${rel.type}${role}|${rel.to}`;
    const n = (seen.get(base) ?? 0) + 1;
    seen.set(base, n);
    return n === 1 ? base : `${base}#${n}`;
  });
}

function groupBy<T>(items: T[], key: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const k = key(item);
    const group = groups.get(k);
    if (group) group.push(item);
    else groups.set(k, [item]);
  }
  return groups;
}

// Labels and relationship types cannot be query parameters; they are checked against the
// closed lists of the seed schema before they are written into the statement.
function assertKnown<T extends string>(value: string, allowed: readonly T[], what: string): T {
  if (!allowed.includes(value as T)) throw new Error(`unknown ${what} '${value}'`);
  return value as T;
}

// Every entity carries `version` (optimistic concurrency of the editing API) and `recordedAt`
// (when the current state was recorded; the audit trail holds earlier ones). A re-load keeps both.
async function mergeNodes(tx: ManagedTransaction, label: string, rows: Row[]): Promise<number> {
  const result = await tx.run(
    `UNWIND $rows AS row MERGE (n:${assertKnown(label, NODE_LABELS, 'label')} {id: row.id})
     WITH n, row, n.version AS version, n.recordedAt AS recordedAt
     SET n = row.props, n:Entity
     SET n.version = coalesce(version, 1), n.recordedAt = coalesce(recordedAt, datetime())
     RETURN count(n) AS n`,
    { rows },
  );
  return result.records[0]?.get('n') as number;
}

async function mergeRelationships(tx: ManagedTransaction, key: string, rows: Row[]): Promise<number> {
  const [from, type, to] = key.split(' ') as [string, string, string];
  const statement = `UNWIND $rows AS row
    MATCH (a:${assertKnown(from, NODE_LABELS, 'label')} {id: row.from})
    MATCH (b:${assertKnown(to, NODE_LABELS, 'label')} {id: row.to})
    MERGE (a)-[r:${assertKnown(type, REL_TYPES, 'relationship type')} {id: row.id}]->(b)
    WITH r, row, r.version AS version, r.recordedAt AS recordedAt
    SET r = row.props
    SET r.version = coalesce(version, 1), r.recordedAt = coalesce(recordedAt, datetime())
    RETURN count(r) AS n`;
  const merged = (await (await tx.run(statement, { rows })).records[0]?.get('n')) as number;
  if (merged !== rows.length) {
    throw new Error(
      `${type} from ${from} to ${to}: ${rows.length - merged} of ${rows.length} relationships name a node that does not exist`,
    );
  }
  return merged;
}

/**
 * Writes a validated seed graph in one transaction: MERGE on ids makes it idempotent, and any
 * failure rolls the whole load back, so the database never holds half a seed.
 */
export async function loadSeedGraph(db: Database, graph: SeedGraph, log: (line: string) => void = () => {}): Promise<LoadReport> {
  const labelOf = new Map(graph.nodes.map((n) => [n.id, n.label]));
  for (const rel of graph.relationships) {
    const missing = [rel.from, rel.to].find((id) => !labelOf.has(id));
    if (missing) throw new Error(`${rel.type} from '${rel.from}' to '${rel.to}': no node with id '${missing}' in the seed`);
  }
  const ids = relationshipIds(graph);
  return db.writeTransaction(async (tx) => {
    let nodes = 0;
    for (const [label, group] of groupBy(graph.nodes, (n) => n.label)) {
      nodes += await mergeNodes(
        tx,
        label,
        group.map((n) => ({ id: n.id, props: { ...toStored(n.properties), id: n.id } })),
      );
      log(`  ${label}: ${group.length}`);
    }
    let relationships = 0;
    const rels = graph.relationships.map((rel, i) => ({ rel, id: ids[i] as string }));
    const groups = groupBy(rels, ({ rel }) => `${labelOf.get(rel.from)} ${rel.type} ${labelOf.get(rel.to)}`);
    for (const [key, group] of groups) {
      relationships += await mergeRelationships(
        tx,
        key,
        group.map(({ rel, id }) => ({ id, from: rel.from, to: rel.to, props: { ...toStored(rel.properties), id } })),
      );
    }
    log(`  relationships: ${relationships}`);
    return { nodes, relationships };
  }, 120_000);
}

/** No node of the graph's own labels; accounts and audit entries do not count. */
export async function isGraphEmpty(db: Database): Promise<boolean> {
  const result = await db.read('MATCH (n) WHERE any(l IN labels(n) WHERE l IN $labels) RETURN count(n) = 0 AS empty', {
    labels: NODE_LABELS,
  });
  return result.records[0]?.get('empty') === true;
}
