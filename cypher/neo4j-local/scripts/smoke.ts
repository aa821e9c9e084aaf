/**
 * Manual smoke check (not part of any test suite):
 *   npx tsx cypher/neo4j-local/scripts/smoke.ts [dataDir]
 * Starts Neo4j on a free port, checks Bolt, APOC and GDS, restarts on the same data dir and checks persistence,
 * then checks that a second instance on a taken port fails with a clear error.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import neo4j from 'neo4j-driver';
import { startLocalNeo4j } from '../src/index.js';

const dataDir = process.argv[2] ?? mkdtempSync(path.join(tmpdir(), 'atlas-neo4j-smoke-'));
const log = process.env.SMOKE_VERBOSE ? (l: string) => console.error(l) : (l: string) => l.startsWith('[neo4j-local]') && console.error(l);

async function q(uri: string, cypher: string, params: Record<string, unknown> = {}) {
  const driver = neo4j.driver(uri, neo4j.auth.basic('neo4j', 'unused'));
  try {
    const res = await driver.executeQuery(cypher, params);
    return res.records.map((r) => r.toObject());
  } finally {
    await driver.close();
  }
}

function show(label: string, value: unknown) {
  console.log(
    `${label}: ${JSON.stringify(value, (_k, v) => (typeof v === 'bigint' ? Number(v) : v?.low !== undefined && v?.high !== undefined ? neo4j.integer.toNumber(v) : v))}`,
  );
}

let t = Date.now();
const a = await startLocalNeo4j({ dataDir, log });
console.log(`start #1: ${(Date.now() - t) / 1000}s -> ${a.uri} neo4j ${a.version} plugins ${JSON.stringify(a.plugins)}`);
let failed = 0;
const check = async (label: string, cypher: string) => {
  try {
    show(label, await q(a.uri, cypher));
  } catch (e) {
    failed++;
    console.log(`${label}: ERROR ${(e as Error).message}`);
  }
};
await check('RETURN 1', 'RETURN 1 AS one');
await check('create', "CREATE (n:SmokeNode {name: 'persist-me', at: datetime()}) RETURN n.name AS name");
await check('apoc.version', 'RETURN apoc.version() AS v');
await check('gds.version', 'RETURN gds.version() AS v');
await check(
  'graph',
  "UNWIND [['a','b'],['b','c'],['c','a'],['a','c']] AS e MERGE (x:T {name:e[0]}) MERGE (y:T {name:e[1]}) MERGE (x)-[:R]->(y) RETURN count(*) AS rels",
);
await check(
  'gds.graph.project',
  "CALL gds.graph.project('g', 'T', 'R') YIELD graphName, nodeCount, relationshipCount RETURN graphName, nodeCount, relationshipCount",
);
await check(
  'gds.pageRank.stream',
  "CALL gds.pageRank.stream('g') YIELD nodeId, score RETURN gds.util.asNode(nodeId).name AS name, round(score, 4) AS score ORDER BY name",
);
await check(
  'gds.betweenness.stream',
  "CALL gds.betweenness.stream('g') YIELD nodeId, score RETURN gds.util.asNode(nodeId).name AS name, score ORDER BY name",
);
await check(
  'gds.louvain.stream',
  "CALL gds.louvain.stream('g') YIELD nodeId, communityId RETURN count(DISTINCT communityId) AS communities",
);
await check('gds.wcc.stream', "CALL gds.wcc.stream('g') YIELD componentId RETURN count(DISTINCT componentId) AS components");
await check(
  'gds.pageRank.write',
  "CALL gds.pageRank.write('g', {writeProperty: 'pr'}) YIELD nodePropertiesWritten RETURN nodePropertiesWritten",
);
await check('gds.graph.drop', "CALL gds.graph.drop('g') YIELD graphName RETURN graphName");
await check(
  'gds.graph.project (cypher aggregation)',
  "MATCH (s:T)-[:R]->(t:T) WITH gds.graph.project('g2', s, t) AS g RETURN g.graphName AS graph, g.nodeCount AS nodes, g.relationshipCount AS rels",
);
await check(
  'gds.degree.stream g2',
  "CALL gds.degree.stream('g2') YIELD nodeId, score RETURN gds.util.asNode(nodeId).name AS name, score ORDER BY name",
);
await check(
  'apoc.path.expandConfig',
  "MATCH (a:T {name:'a'}) CALL apoc.path.expandConfig(a, {relationshipFilter: 'R>', minLevel: 1, maxLevel: 2, uniqueness: 'NODE_PATH'}) YIELD path RETURN count(path) AS paths, max(length(path)) AS longest",
);
await check('apoc.coll.sum', 'RETURN apoc.coll.sum([1,2,3]) AS s');
await check('apoc.meta.stats', 'CALL apoc.meta.stats() YIELD labels RETURN labels');
await check('gds procedures', "SHOW PROCEDURES YIELD name WHERE name STARTS WITH 'gds.' RETURN count(*) AS n");
await check('gds functions', "SHOW FUNCTIONS YIELD name WHERE name STARTS WITH 'gds.' RETURN count(*) AS n");
await check('apoc procedures', "SHOW PROCEDURES YIELD name WHERE name STARTS WITH 'apoc.' RETURN count(*) AS n");
await check('apoc functions', "SHOW FUNCTIONS YIELD name WHERE name STARTS WITH 'apoc.' RETURN count(*) AS n");

// Second instance on the same port must fail clearly.
t = Date.now();
try {
  const b = await startLocalNeo4j({
    dataDir: `${dataDir}-other`,
    boltPort: a.boltPort,
    log: () => {},
    plugins: false,
    heap: '512m',
    pageCache: '64m',
  });
  console.log('UNEXPECTED: second instance on a taken port started');
  failed++;
  await b.stop();
} catch (e) {
  console.log(`port in use -> ${(e as Error).message.split('\n')[0]} (${(Date.now() - t) / 1000}s)`);
}
rmSync(`${dataDir}-other`, { recursive: true, force: true });

t = Date.now();
await a.stop();
console.log(`stop: ${(Date.now() - t) / 1000}s`);

t = Date.now();
const c = await startLocalNeo4j({ dataDir, log });
console.log(`start #2 (same dataDir): ${(Date.now() - t) / 1000}s -> ${c.uri}`);
try {
  show('persisted', await q(c.uri, "MATCH (n:SmokeNode {name: 'persist-me'}) RETURN count(n) AS n"));
  show('persisted pr', await q(c.uri, 'MATCH (n:T) RETURN n.name AS name, round(n.pr, 4) AS pr ORDER BY name'));
} catch (e) {
  failed++;
  console.log(`persisted: ERROR ${(e as Error).message}`);
}
await c.stop();
if (!process.argv[2]) rmSync(dataDir, { recursive: true, force: true });
console.log(failed === 0 ? 'SMOKE OK' : `SMOKE FAILED (${failed})`);
process.exit(failed === 0 ? 0 : 1);
