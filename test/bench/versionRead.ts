// npx tsx test/bench/versionRead.ts --uri bolt://127.0.0.1:7687 [--reads 2000]
// The cost of one graph-version read (db/graphVersion.ts) as the API runs it, before and after it
// also counted nodes and relationships (version/read.cypher): the token alone against the token
// with seven count-store lookups, the same driver, alternating in rounds of 100 so the load hits
// both alike. Prints the median and p95 per read in ms, and the ratio.
import neo4j from 'neo4j-driver';
import { defineQueries } from '../../server/src/db/queries.js';
import { loadAverage, option } from './report.js';

const uri = option('uri', 'bolt://127.0.0.1:7687');
const reads = Number(option('reads', '2000'));
const TOKEN_ONLY = "OPTIONAL MATCH (v:GraphVersion {key: 'graph'}) RETURN coalesce(v.version, '') AS version";
const WITH_COUNTS = defineQueries('version', ['read']).read;

const driver = neo4j.driver(uri);
const times: Record<'token' | 'counts', number[]> = { token: [], counts: [] };
const once = async (query: string) => {
  const t = performance.now();
  const session = driver.session({ defaultAccessMode: neo4j.session.READ });
  try {
    await session.run(query);
  } finally {
    await session.close();
  }
  return performance.now() - t;
};
const quantile = (xs: number[], q: number) => [...xs].sort((a, b) => a - b)[Math.floor(q * (xs.length - 1))] as number;
try {
  const counts = (await driver.executeQuery('MATCH (n) RETURN count(n) AS n')).records[0]?.get('n');
  const rels = (await driver.executeQuery('MATCH ()-[r]->() RETURN count(r) AS r')).records[0]?.get('r');
  console.log(`graph: ${counts} nodes, ${rels} relationships; ${reads} reads each; load ${loadAverage(' ', 2)}`);
  for (let i = 0; i < 50; i++) await Promise.all([once(TOKEN_ONLY), once(WITH_COUNTS)]);
  for (let round = 0; round < reads / 100; round++)
    for (const [kind, query] of round % 2
      ? ([
          ['counts', WITH_COUNTS],
          ['token', TOKEN_ONLY],
        ] as const)
      : ([
          ['token', TOKEN_ONLY],
          ['counts', WITH_COUNTS],
        ] as const))
      for (let i = 0; i < 100; i++) times[kind].push(await once(query));
  const [tm, cm] = [quantile(times.token, 0.5), quantile(times.counts, 0.5)];
  console.log(`token only:  median ${tm.toFixed(3)} ms, p95 ${quantile(times.token, 0.95).toFixed(3)} ms`);
  console.log(`with counts: median ${cm.toFixed(3)} ms, p95 ${quantile(times.counts, 0.95).toFixed(3)} ms`);
  console.log(`with counts ÷ token only (median): ${(cm / tm).toFixed(2)}×; load ${loadAverage(' ', 2)}`);
} finally {
  await driver.close();
}
