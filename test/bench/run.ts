// npm run bench -- --sizes 1k,10k,100k[,1m] [--pairs 200] [--seed 1] [--timeout-s 600]
//                  [--heap 6g] [--pagecache 4g] [--measures pagerank,betweenness,...] [--engines gds,in-process]
//
// Starts its own throw-away Neo4j (never the user's), and for each size: empties the database,
// generates and loads a synthetic graph, then measures paths and centrality through the real API
// (createApp in its own Node process, HTTP on loopback), and records the figures in RESULTS.md.
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { checkPrerequisites, ensureNeo4jInstalled, type LocalNeo4j, startLocalNeo4j } from '@atlas/neo4j-local';
import { generateSyntheticGraph, parseActorCount, syntheticActorId, syntheticPlan } from '../../seed/src/synthetic/generate.js';
import { Random } from '../../seed/src/synthetic/random.js';
import { Database } from '../../server/src/db/database.js';
import { applySchema } from '../../server/src/db/schema.js';
import { countGraph } from '../support/neo4j.js';
import { Api, dropGdsGraphs, neo4jPid, otherJvms, peakRssMb, terminateRunningQueries } from './apiProcess.js';
import { loadSyntheticGraph } from './load.js';
import { type CentralityTiming, type LatencyStat, machineInfo, percentile, renderTables, type SizeResult, saveResults } from './report.js';

const log = (line: string) => console.log(`[bench] ${line}`);

// ---------------------------------------------------------------------------------------------
// Options
// ---------------------------------------------------------------------------------------------

const MEASURES = ['pagerank', 'betweenness', 'closeness', 'degree', 'eigenvector', 'louvain'] as const;
const ENGINES = ['gds', 'in-process'] as const;
/**
 * Exact betweenness up to this many actors: the bench asks for as many samples as the graph has
 * nodes, which the endpoint computes exactly; above it, BETWEENNESS_SAMPLES sampled sources.
 */
const EXACT_BETWEENNESS_MAX = 10_000;
/** Centrality calls quicker than this are made a second time, warm. */
const WARM_REPEAT_MAX_SECONDS = 60;
const BETWEENNESS_SAMPLES = 1000;

function options() {
  const args = process.argv.slice(2);
  const value = (name: string): string | undefined => {
    const i = args.indexOf(`--${name}`);
    if (i >= 0) return args[i + 1];
    return args.find((a) => a.startsWith(`--${name}=`))?.split('=')[1];
  };
  const list = (v: string | undefined, fallback: readonly string[]) =>
    v
      ? v
          .split(',')
          .map((s) => s.trim())
          .filter(Boolean)
      : [...fallback];
  const positive = (name: string, fallback: number) => {
    const n = Number(value(name) ?? fallback);
    if (!Number.isInteger(n) || n < 1) throw new Error(`--${name} must be a positive whole number`);
    return n;
  };
  const sizes = list(value('sizes') ?? value('size'), ['1k', '10k', '100k']);
  for (const s of sizes) parseActorCount(s);
  const measures = list(value('measures'), MEASURES);
  const engines = list(value('engines'), ENGINES);
  for (const m of measures)
    if (!(MEASURES as readonly string[]).includes(m)) throw new Error(`--measures: '${m}' is not one of ${MEASURES.join(', ')}`);
  for (const e of engines)
    if (!(ENGINES as readonly string[]).includes(e)) throw new Error(`--engines: '${e}' is not one of ${ENGINES.join(', ')}`);
  return {
    sizes,
    pairs: positive('pairs', 200),
    seed: positive('seed', 1),
    timeoutSeconds: positive('timeout-s', 600),
    heap: value('heap') ?? '6g',
    pageCache: value('pagecache') ?? '4g',
    measures,
    engines,
  };
}
type Options = ReturnType<typeof options>;

// ---------------------------------------------------------------------------------------------
// Measurements
// ---------------------------------------------------------------------------------------------

function problemOf(body: unknown): string {
  if (body && typeof body === 'object') {
    const b = body as { title?: string; detail?: string };
    return [b.title, b.detail].filter(Boolean).join(': ').slice(0, 160);
  }
  return String(body).slice(0, 160);
}

async function measurePaths(
  api: Api,
  db: Database,
  pairs: [string, string][],
  query: string,
  requestTimeoutMs: number,
): Promise<LatencyStat> {
  const times: number[] = [];
  let found = 0;
  let errors = 0;
  let firstError = '';
  for (const [from, to] of pairs) {
    const r = await api.get(`/api/paths?from=${encodeURIComponent(from)}&to=${encodeURIComponent(to)}&${query}`, requestTimeoutMs);
    if (r === 'timeout') {
      errors += 1;
      firstError ||= `timeout after ${requestTimeoutMs / 1000} s`;
      await terminateRunningQueries(db);
      continue;
    }
    if ('failed' in r) {
      errors += 1;
      firstError ||= `API failed: ${r.failed}`;
      await api.restart(db);
      continue;
    }
    if (r.status === 404 && isMissingEndpoint(r.body)) {
      return { requests: 0, p50Ms: null, p95Ms: null, maxMs: null, found: 0, errors: 0, note: 'n/a: endpoint missing (404)' };
    }
    if (r.status !== 200) {
      errors += 1;
      firstError ||= `${r.status} ${problemOf(r.body)}`;
      continue;
    }
    times.push(r.ms);
    const paths = (r.body as { paths?: unknown[] }).paths;
    if (Array.isArray(paths) && paths.length > 0) found += 1;
  }
  times.sort((a, b) => a - b);
  if (firstError) log(`  first error: ${firstError}`);
  return {
    requests: pairs.length,
    p50Ms: percentile(times, 50),
    p95Ms: percentile(times, 95),
    maxMs: percentile(times, 100),
    found,
    errors,
  };
}

/** The API's own 404 for a path it does not serve (a 404 naming unknown ids is an answer). */
function isMissingEndpoint(body: unknown): boolean {
  return typeof body !== 'object' || body === null || /No such endpoint/.test(problemOf(body));
}

async function measureCentrality(
  api: Api,
  db: Database,
  measure: string,
  engine: string,
  graph: { actors: number; nodes: number },
  timeoutSeconds: number,
): Promise<CentralityTiming> {
  const samples = measure !== 'betweenness' ? undefined : graph.actors <= EXACT_BETWEENNESS_MAX ? graph.nodes : BETWEENNESS_SAMPLES;
  const url =
    measure === 'louvain'
      ? `/api/centrality/communities?algorithm=louvain&engine=${engine}`
      : `/api/centrality?measure=${measure}&engine=${engine}&top=10${samples ? `&samples=${samples}` : ''}`;
  const r = await api.get(url, timeoutSeconds * 1000);
  if (r === 'timeout') {
    // An in-process computation may block the API: restart it; stop what runs in Neo4j.
    await api.restart(db);
    return { status: 'timeout', seconds: timeoutSeconds };
  }
  if ('failed' in r) {
    await api.restart(db);
    return { status: 'error', note: `API failed: ${r.failed.slice(0, 120)}` };
  }
  if (r.status === 404 && isMissingEndpoint(r.body)) return { status: 'n/a', note: 'n/a: endpoint missing (404)' };
  if (r.status !== 200) return { status: 'error', seconds: r.ms / 1000, note: `${r.status}: ${problemOf(r.body)}` };
  const body = r.body as { engine?: string; estimate?: boolean | { samples?: number } | null; samples?: number };
  const estimate = typeof body.estimate === 'object' ? body.estimate !== null : body.estimate === true;
  const answeredSamples = typeof body.estimate === 'object' && body.estimate ? body.estimate.samples : body.samples;
  const note = body.engine && body.engine !== engine ? `answered by ${body.engine}` : undefined;
  return {
    status: 'ok',
    seconds: r.ms / 1000,
    engine: body.engine,
    estimate,
    samples: answeredSamples,
    ...(note ? { note } : {}),
  };
}

function randomPairs(count: number, actors: number, seed: number, plan: ReturnType<typeof syntheticPlan>): [string, string][] {
  const random = new Random(seed);
  const pairs: [string, string][] = [];
  while (pairs.length < count) {
    const a = random.int(actors);
    const b = random.int(actors);
    if (a !== b) pairs.push([syntheticActorId(a, plan), syntheticActorId(b, plan)]);
  }
  return pairs;
}

// ---------------------------------------------------------------------------------------------
// One size
// ---------------------------------------------------------------------------------------------

async function resetDatabase(db: Database): Promise<void> {
  await dropGdsGraphs(db);
  await db.runAutoCommit('MATCH (n) CALL (n) { DETACH DELETE n } IN TRANSACTIONS OF 10000 ROWS');
}

async function benchSize(size: string, opts: Options, neo4j: LocalNeo4j, dataDir: string, db: Database): Promise<SizeResult> {
  const actors = parseActorCount(size);
  const plan = syntheticPlan(actors);
  const loadAverageBefore = os.loadavg();
  log(`=== ${size}: ${actors.toLocaleString('en-US')} actors ===`);
  await resetDatabase(db);
  await applySchema(db);

  let lastPrint = 0;
  const tty = process.stdout.isTTY;
  const loaded = await loadSyntheticGraph(db, generateSyntheticGraph({ actors, seed: opts.seed, batchSize: 10_000 }), {
    mode: 'create',
    onProgress: (p) => {
      if (p.seconds - lastPrint < (tty ? 0.5 : 10)) return;
      lastPrint = p.seconds;
      const line = `  loading: ${p.nodes.toLocaleString('en-US')} nodes, ${p.relationships.toLocaleString('en-US')} relationships, ${Math.round(p.rowsPerSecond).toLocaleString('en-US')} rows/s`;
      if (tty) process.stdout.write(`\r${line}   `);
      else console.log(line);
    },
  });
  if (tty) process.stdout.write('\n');
  await db.runAutoCommit('CALL db.awaitIndexes(600)');
  const counts = await countGraph(db);
  log(
    `  loaded ${counts.nodes.toLocaleString('en-US')} nodes, ${counts.relationships.toLocaleString('en-US')} relationships in ${loaded.seconds.toFixed(1)} s (${Math.round(loaded.rowsPerSecond).toLocaleString('en-US')} rows/s)`,
  );

  const api = new Api(neo4j.uri, opts.timeoutSeconds * 1000);
  await api.start();
  try {
    const pairs = randomPairs(opts.pairs, actors, opts.seed * 7919 + actors, plan);
    const few = pairs.slice(0, Math.max(10, Math.ceil(opts.pairs / 4)));
    const pathTimeoutMs = 60_000;
    await measurePaths(api, db, pairs.slice(0, 5), 'mode=shortest', pathTimeoutMs); // warm-up, not counted
    log(`  shortest paths over ${pairs.length} pairs ...`);
    const shortest = await measurePaths(api, db, pairs, 'mode=shortest', pathTimeoutMs);
    log(
      `    p50 ${shortest.p50Ms?.toFixed(1)} ms, p95 ${shortest.p95Ms?.toFixed(1)} ms, found ${shortest.found}/${shortest.requests}, ${shortest.errors} errors`,
    );
    log(`  k-shortest (k=3) over ${few.length} pairs ...`);
    const kShortest = await measurePaths(api, db, few, 'mode=k-shortest&k=3', pathTimeoutMs);
    log(`    p50 ${kShortest.p50Ms?.toFixed(1)} ms, p95 ${kShortest.p95Ms?.toFixed(1)} ms`);
    log(`  all paths (maxHops 4, limit 10) over ${few.length} pairs ...`);
    const all = await measurePaths(api, db, few, 'mode=all&maxHops=4&limit=10', pathTimeoutMs);
    log(`    p50 ${all.p50Ms?.toFixed(1)} ms, p95 ${all.p95Ms?.toFixed(1)} ms`);

    const centrality: SizeResult['centrality'] = {};
    for (const measure of opts.measures) {
      centrality[measure] = {};
      for (const engine of opts.engines) {
        const graph = { actors, nodes: counts.nodes };
        const t = await measureCentrality(api, db, measure, engine, graph, opts.timeoutSeconds);
        // A second, warm call (projection code and query plans loaded) when the first was quick.
        if (t.status === 'ok' && (t.seconds ?? 0) < WARM_REPEAT_MAX_SECONDS) {
          const warm = await measureCentrality(api, db, measure, engine, graph, opts.timeoutSeconds);
          if (warm.status === 'ok') t.warmSeconds = warm.seconds;
        }
        (centrality[measure] as Record<string, CentralityTiming>)[engine] = t;
        const warm = t.warmSeconds === undefined ? '' : `, warm ${t.warmSeconds.toFixed(2)} s`;
        log(
          `  ${measure} · ${engine}: ${t.status === 'ok' ? `${t.seconds?.toFixed(2)} s${warm}${t.estimate ? ' (estimate)' : ''}${t.note ? ` [${t.note}]` : ''}` : (t.note ?? t.status)}`,
        );
      }
    }
    const pid = neo4jPid(dataDir);
    return {
      size,
      date: new Date().toISOString(),
      seed: opts.seed,
      machine: machineInfo(),
      neo4j: { version: neo4j.version, heap: opts.heap, pageCache: opts.pageCache, gds: neo4j.plugins.gds, apoc: neo4j.plugins.apoc },
      graph: { actors, nodes: counts.nodes, relationships: counts.relationships },
      load: { seconds: loaded.seconds, rowsPerSecond: loaded.rowsPerSecond, mode: 'create' },
      paths: { shortest, kShortest, all },
      centrality,
      memory: {
        apiPeakRssMb: await api.stopAndMeasure(),
        benchProcessMaxRssMb: Math.round(process.resourceUsage().maxRSS / 1000),
        neo4jPeakRssMb: peakRssMb(pid),
      },
      contention: { loadAverageBefore, loadAverageAfter: os.loadavg(), otherJvms: otherJvms(pid), timeoutSeconds: opts.timeoutSeconds },
    };
  } finally {
    await api.stop();
  }
}

async function main(): Promise<void> {
  const opts = options();
  log(
    `sizes ${opts.sizes.join(', ')}; ${opts.pairs} pairs; Neo4j heap ${opts.heap}, page cache ${opts.pageCache}; time box ${opts.timeoutSeconds} s per centrality call`,
  );
  await checkPrerequisites({ maven: false });
  await ensureNeo4jInstalled({ log: (l) => console.log(l) });
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'atlas-bench-neo4j-'));
  const neo4j = await startLocalNeo4j({ boltPort: 0, dataDir, heap: opts.heap, pageCache: opts.pageCache, startTimeoutMs: 300_000 });
  log(`Neo4j ${neo4j.version} at ${neo4j.uri} (GDS ${neo4j.plugins.gds ?? 'none'}, data in ${dataDir})`);
  const db = new Database({ uri: neo4j.uri, queryTimeoutMs: 3_600_000 });
  const stop = async () => {
    await db.close().catch(() => {});
    await neo4j.stop();
    await rm(dataDir, { recursive: true, force: true });
  };
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => {
      log(`${signal}: stopping Neo4j ...`);
      void stop().then(() => process.exit(130));
    });
  }
  const results: SizeResult[] = [];
  try {
    for (const size of opts.sizes) {
      const result = await benchSize(size, opts, neo4j, dataDir, db);
      results.push(result);
      saveResults([result]); // keep what is measured even if a later size fails
    }
  } finally {
    await stop();
  }
  console.log(`\n${renderTables(results)}\n`);
  log('written to test/bench/RESULTS.md');
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(`[bench] ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    process.exit(1);
  },
);
