import type { Database } from '../../server/src/db/database.js';
import { resetGraph } from './neo4j.js';

// Small hand-made graphs for the positioning, gap and coverage tests: every node CLEAR and cited.

export type Label = 'Actor' | 'Threat' | 'Region' | 'Mandate' | 'Initiative' | 'Agreement';
export type NodeSpec = [Label, string, Record<string, unknown>?];
export type RelSpec = [string, string, string, Record<string, unknown>?];

/** Resets the graph and creates a small one; labels and types come from the fixed specs of these tests. */
export async function buildTinyGraph(db: Database, nodes: NodeSpec[], rels: RelSpec[]): Promise<void> {
  await resetGraph(db);
  await db.writeTransaction(async (tx) => {
    await tx.run("CREATE (:Source {id: 'src-1', name: 'src-1', title: 'Tiny source', sensitivity: 'CLEAR', sourceIds: [], quotes: []})");
    for (const [label, id, extra = {}] of nodes) {
      await tx.run(`CREATE (n:${label}) SET n = $props`, {
        props: { id, name: id, sensitivity: 'CLEAR', sourceIds: ['src-1'], quotes: [`about ${id}`], ...extra },
      });
    }
    for (const [from, type, to, extra = {}] of rels) {
      await tx.run(`MATCH (a {id: $from}), (b {id: $to}) CREATE (a)-[r:${type}]->(b) SET r = $props`, {
        from,
        to,
        props: { id: `${from}|${type}|${to}`, sensitivity: 'CLEAR', sourceIds: ['src-1'], quotes: [`${from} ${type} ${to}`], ...extra },
      });
    }
  });
}

export const org = (id: string, extra: Record<string, unknown> = {}): NodeSpec => [
  'Actor',
  id,
  { kind: 'regional-organization', ...extra },
];
/** An actor with a mandate on `threat` in `region` and presence in `where`. */
export const positioned = (actor: string, threat: string, region: string, where = region): RelSpec[] => [
  [actor, 'HAS_MANDATE', `m-${actor}`],
  [`m-${actor}`, 'COVERS', threat],
  [`m-${actor}`, 'APPLIES_IN', region],
  [actor, 'OPERATES_IN', where],
];
export const mandates = (...actors: string[]): NodeSpec[] => actors.map((a) => ['Mandate', `m-${a}`]);
export const world: NodeSpec[] = [
  ['Region', 'W', { kind: 'world' }],
  ['Region', 'R', { kind: 'subregion' }],
  ['Region', 'K1', { kind: 'country' }],
  ['Region', 'K2', { kind: 'country' }],
  ['Threat', 'T'],
  ['Threat', 'U'],
];
export const worldRels: RelSpec[] = [
  ['R', 'PART_OF', 'W'],
  ['K1', 'PART_OF', 'R'],
  ['K2', 'PART_OF', 'R'],
];
