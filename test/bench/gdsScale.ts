// npx tsx test/bench/gdsScale.ts --uri bolt://127.0.0.1:17687 [--repeats 3] [--budget-s 15] [--region syn-region-africa] [--skip-pagerank]
//
// GDS through the API on a graph already loaded (bulkLoad.ts --keep for the 1M-actor graph), in
// one run with its references on the same Neo4j:
//  - PageRank (engine=gds): cold (projection made), then warm repeats (the cached projection reused
//    while the graph version is unchanged), per clearance (RED and GREEN: each its own projection)
//    and for a slice (one continent);
//  - the raw driver on the same Neo4j: the projection query and gds.pageRank.stream alone, so
//    "warm API / raw stream" is what the API adds to GDS itself;
//  - Louvain and sampled betweenness: an answer within the budget, or the 422 that says before
//    starting how long they would take, and how long that refusal took;
//  - after a graph write, the next PageRank is cold again (the cache does not serve a stale graph).
// Prints graph size, load average and the API process's peak memory.
import os from 'node:os';
import { Database } from '../../server/src/db/database.js';
import { Api } from './apiProcess.js';
import { loadAverage, option } from './report.js';

const log = (line: string) => console.log(`[bench:gds] ${line}`);

const uri = option('uri', '');
const repeats = Number(option('repeats', '3'));
const budgetMs = Number(option('budget-s', '15')) * 1000;
const region = option('region', 'syn-region-africa');
// Only Louvain, betweenness and the after-write PageRank (the PageRank rows take about 10 minutes at 1M).
const skipPageRank = process.argv.includes('--skip-pagerank');
const load = () => loadAverage(' ');
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] as number;
const s = (ms: number) => `${(ms / 1000).toFixed(2)} s`;

type Answer = { status: number; body: unknown; ms: number };

async function ask(api: Api, what: string, pathAndQuery: string): Promise<Answer> {
  const answer = await api.get(pathAndQuery, 3_600_000);
  if (answer === 'timeout' || 'failed' in answer) throw new Error(`${what}: ${JSON.stringify(answer)}`);
  const body = answer.body as { graph?: { nodes: number; relationships: number }; detail?: string };
  const graph = body.graph
    ? `, graph ${body.graph.nodes.toLocaleString('en')} nodes / ${body.graph.relationships.toLocaleString('en')} edges`
    : '';
  const detail = answer.status === 200 ? '' : `: ${body.detail ?? JSON.stringify(answer.body).slice(0, 300)}`;
  log(`${what}: ${answer.status} in ${s(answer.ms)}${graph}${detail} (load ${load()})`);
  return answer;
}

const pending = (answer: Answer) => answer.status === 503 && String((answer.body as { type?: string }).type).endsWith('projection-pending');

/** Asks until the answer is not a 503 projection-pending (5 s apart); logs the whole wait. */
async function untilMade(api: Api, what: string, pathAndQuery: string): Promise<Answer> {
  const started = performance.now();
  let answer = await ask(api, what, pathAndQuery);
  while (pending(answer)) {
    await new Promise((resolve) => setTimeout(resolve, 5000));
    answer = await ask(api, `${what}, asked again`, pathAndQuery);
  }
  log(`${what}: answered ${answer.status} after ${s(performance.now() - started)} in all`);
  return answer;
}

/**
 * Cold (asked again while the API answers 503 projection-pending: its projection outlasts a request's
 * budget and goes on; cold = until the first answer), then `repeats` warm calls; returns [cold, median warm] in ms.
 */
async function coldAndWarm(api: Api, what: string, pathAndQuery: string): Promise<[number, number]> {
  const started = performance.now();
  let cold = await ask(api, `${what}, cold`, pathAndQuery);
  while (pending(cold)) {
    await new Promise((resolve) => setTimeout(resolve, 5000));
    cold = await ask(api, `${what}, cold, asked again`, pathAndQuery);
  }
  cold = { ...cold, ms: performance.now() - started };
  const warm: number[] = [];
  for (let i = 0; i < repeats; i++) warm.push((await ask(api, `${what}, warm ${i + 1}`, pathAndQuery)).ms);
  log(`${what}: cold ${s(cold.ms)}, warm median ${s(median(warm))} of ${repeats}`);
  return [cold.ms, median(warm)];
}

/** The raw driver: the same default-slice projection and gds.pageRank.stream, timed apart. */
async function rawPageRank(db: Database): Promise<{ projectMs: number; streamMs: number; nodes: number }> {
  const graphName = `bench-raw-${Date.now()}`;
  let started = performance.now();
  const projected = await db.read(
    `MATCH (s) WHERE labels(s)[0] IN ['Actor', 'Agreement', 'Initiative'] AND s.sensitivity IN $allowed
     CALL (s) {
       OPTIONAL MATCH (s)-[r]->(t) WHERE s <> t AND type(r) IN $types AND r.sensitivity IN $allowed
         AND labels(t)[0] IN ['Actor', 'Agreement', 'Initiative'] AND t.sensitivity IN $allowed
       RETURN DISTINCT t
     }
     WITH gds.graph.project($graphName, s, t) AS g RETURN g.nodeCount AS nodes`,
    { graphName, allowed: ['CLEAR', 'GREEN', 'AMBER', 'RED'], types: await defaultTypes() },
  );
  const projectMs = performance.now() - started;
  started = performance.now();
  await db.read(
    `CALL gds.pageRank.stream($graphName, {dampingFactor: 0.85, maxIterations: 1000, tolerance: 1e-12})
     YIELD nodeId, score RETURN gds.util.asNode(nodeId).id AS id, score`,
    { graphName },
  );
  const streamMs = performance.now() - started;
  // Where a stream's time goes: the computation alone (stats), and the same rows as two lists in one record.
  started = performance.now();
  await db.read(
    'CALL gds.pageRank.stats($graphName, {dampingFactor: 0.85, maxIterations: 1000, tolerance: 1e-12}) YIELD ranIterations RETURN ranIterations',
    { graphName },
  );
  const statsMs = performance.now() - started;
  started = performance.now();
  await db.read(
    `CALL gds.pageRank.stream($graphName, {dampingFactor: 0.85, maxIterations: 1000, tolerance: 1e-12})
     YIELD nodeId, score RETURN collect(gds.util.asNode(nodeId).id) AS ids, collect(score) AS scores`,
    { graphName },
  );
  const listsMs = performance.now() - started;
  log(`raw driver: pageRank.stats (computation only) ${s(statsMs)}; stream as 2 lists in 1 record ${s(listsMs)}; as rows ${s(streamMs)}`);
  await db.read('CALL gds.graph.drop($graphName, false) YIELD graphName RETURN graphName', { graphName });
  return { projectMs, streamMs, nodes: Number(projected.records[0]?.get('nodes') ?? 0) };
}

async function defaultTypes(): Promise<string[]> {
  const { DEFAULT_PATH_TYPES } = await import('../../server/src/features/paths/schema.js');
  return [...DEFAULT_PATH_TYPES];
}

async function main(): Promise<void> {
  if (!uri) throw new Error('--uri of a Neo4j holding a synthetic graph is required (bulkLoad.ts --keep starts one)');
  const db = new Database({ uri, queryTimeoutMs: 3_600_000 });
  const counts = await db.read(
    'CALL () { MATCH (n) RETURN count(n) AS nodes } CALL () { MATCH ()-->() RETURN count(*) AS rels } RETURN nodes, rels',
  );
  const row = counts.records[0];
  log(
    `graph: ${Number(row?.get('nodes')).toLocaleString('en')} nodes, ${Number(row?.get('rels')).toLocaleString('en')} relationships; ${os.availableParallelism()} cores; load ${load()}`,
  );

  const pagerank = '/api/centrality?measure=pagerank&engine=gds&top=10';
  const red = new Api(uri, budgetMs);
  process.env.BENCH_CLEARANCE = 'RED';
  await red.start();
  const green = new Api(uri, budgetMs);
  try {
    if (!skipPageRank) {
      const [redCold, redWarm] = await coldAndWarm(red, 'PageRank, RED, default slice', pagerank);
      const raw = await rawPageRank(db);
      log(
        `raw driver, same Neo4j: projection ${s(raw.projectMs)}, gds.pageRank.stream ${s(raw.streamMs)} (${raw.nodes.toLocaleString('en')} nodes); API warm / raw stream ${(redWarm / raw.streamMs).toFixed(2)}×, API cold / raw projection + stream ${(redCold / (raw.projectMs + raw.streamMs)).toFixed(2)}× (load ${load()})`,
      );
      await coldAndWarm(red, `PageRank, RED, region ${region}`, `${pagerank}&region=${region}`);
      await ask(red, 'PageRank, RED, default slice again (still cached?)', pagerank);
    }
    process.env.BENCH_CLEARANCE = 'GREEN';
    await green.start();
    if (!skipPageRank) await coldAndWarm(green, 'PageRank, GREEN, default slice', pagerank);

    await untilMade(red, 'Louvain, RED, default slice', '/api/centrality/communities?engine=gds');
    await ask(red, 'Louvain, RED, default slice, again', '/api/centrality/communities?engine=gds');
    await untilMade(red, 'betweenness, 1,000 sampled sources, RED', '/api/centrality?measure=betweenness&engine=gds&samples=1000&top=10');
    await ask(red, 'betweenness, 100 sampled sources, RED', '/api/centrality?measure=betweenness&engine=gds&samples=100&top=10');

    // A graph write (as every write of the app does) changes the version: the next call projects again.
    const { bumpGraphVersion } = await import('../../server/src/db/graphVersion.js');
    await db.writeTransaction((tx) => bumpGraphVersion(tx));
    await untilMade(red, 'PageRank, RED, after a graph write (cold again)', pagerank);
    await ask(red, 'PageRank, RED, warm after the write', pagerank);
    log(`API peak RSS: RED ${await red.stopAndMeasure()} MB, GREEN ${await green.stopAndMeasure()} MB; load ${load()}`);
  } finally {
    await red.stop();
    await green.stop();
    await db.close();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
