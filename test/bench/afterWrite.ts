// npx tsx test/bench/afterWrite.ts --uri bolt://… [--server DIR] [--waits 0,30,60|none] [--requests 20] [--burst 3 --gap 15 --neo4j-data DIR]
//
// What a researcher meets after a write (issue 13), on the API as `npm start` runs it against a
// Neo4j already holding a graph (bulkLoad.ts --keep, or overhead.ts's), signed in as the bench
// user. `--server DIR` runs another checkout's server (main's worktree: the "before" in the same
// conditions).
//   (b) the explorer's opening graph, GET /api/graph?limit=5000: the first request after "ready",
//       then `--requests` more one after another (p50/p95), and the raw neo4j-driver running the
//       same two statements in one read transaction as often (p50/p95): the ratio of the medians.
//   (a) for each wait in `--waits`: one entity write (an actor of the opening graph renamed,
//       through the project's Database, as another API process would write it), then that many
//       seconds with no request, then the Brokers panel's three requests and the opening graph at
//       once, each asked again after Retry-After while it answers 503 "computing" (as the web app
//       does): the statuses and the time until its first 200.
//   (c) with `--burst N` (and `--gap S`, default 15): N entity writes S seconds apart with no
//       request meanwhile (a mediator making a few edits), then the panel and the opening graph at
//       once as in (a): the time from the last write until every one has answered 200 (an answer
//       is only ever served for the current graph version, so these are fresh), and the API's and
//       Neo4j's CPU seconds from the first write until then (Neo4j's JVM found by `--neo4j-data
//       DIR`, its data folder). `--waits none` leaves (a) out.
// Every figure is printed with the load average before and after; the API's CPU seconds too.
import { SENSITIVITY } from '@atlas/seed';
import neo4j from 'neo4j-driver';
import { Database } from '../../server/src/db/database.js';
import { defineQueries } from '../../server/src/db/queries.js';
import { GraphQuery } from '../../server/src/features/graph/schema.js';
import { cpuSeconds, neo4jPid } from './apiProcess.js';
import { ensureBenchUser } from './benchUser.js';
import { signIn, startApi } from './npmStartApi.js';
import { loadAverage, option, percentile } from './report.js';

const log = (line: string) => console.log(`[after-write] ${line}`);

const load = () => loadAverage(' ', 2);

const OPENING_GRAPH = '/api/graph?limit=5000';
const PANEL = [
  { name: 'Brokers: betweenness', url: '/api/centrality?measure=betweenness&top=50' },
  { name: 'Brokers: communities', url: '/api/centrality/communities?algorithm=louvain' },
  { name: 'Brokers: structure', url: '/api/centrality/structure' },
];

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const ms = (from: number) => performance.now() - from;
const summary = (times: number[]) => {
  const sorted = [...times].sort((a, b) => a - b);
  return { p50: percentile(sorted, 50) ?? 0, p95: percentile(sorted, 95) ?? 0 };
};

/** Asks until the answer is not 503 "computing" (nor 429), waiting Retry-After as the web app does. */
async function untilAnswered(
  base: string,
  cookie: string,
  url: string,
): Promise<{ statuses: string[]; firstOkMs: number | null; bytes: number }> {
  const started = performance.now();
  const statuses: string[] = [];
  for (;;) {
    const res = await fetch(`${base}${url}`, { headers: { cookie }, signal: AbortSignal.timeout(600_000) });
    const body = await res.arrayBuffer();
    statuses.push(String(res.status));
    if (res.status === 200) return { statuses, firstOkMs: ms(started), bytes: body.byteLength };
    if (res.status !== 503 && res.status !== 429) return { statuses, firstOkMs: null, bytes: body.byteLength };
    if (ms(started) > 600_000) return { statuses, firstOkMs: null, bytes: 0 };
    await sleep(Number(res.headers.get('retry-after') ?? 5) * 1000);
  }
}

const compact = (statuses: string[]) =>
  statuses
    .reduce<Array<[string, number]>>((runs, s) => {
      const last = runs.at(-1);
      if (last && last[0] === s) last[1]++;
      else runs.push([s, 1]);
      return runs;
    }, [])
    .map(([s, n]) => (n > 1 ? `${s}×${n}` : s))
    .join(', ');

async function main(): Promise<void> {
  const uri = option('uri', '');
  if (!uri) throw new Error('--uri bolt://… of a Neo4j holding the graph is required');
  const server = option('server', '');
  const waitsOption = option('waits', '0,30,60');
  const waits = waitsOption === 'none' ? [] : waitsOption.split(',').map(Number);
  const burst = Number(option('burst', '0'));
  const gap = Number(option('gap', '15'));
  const jvm = neo4jPid(option('neo4j-data', '') || '\u0000');
  const requests = Number(option('requests', '20'));
  const db = new Database({ uri, queryTimeoutMs: 600_000 });
  const driver = neo4j.driver(uri);
  const loadBefore = load();
  try {
    await ensureBenchUser(db);
    const size = (await db.read('MATCH (n) WITH count(n) AS nodes MATCH ()-[r]->() RETURN nodes, count(r) AS relationships')).records[0];
    const graph = `${Number(size?.get('nodes')).toLocaleString('en')} nodes, ${Number(size?.get('relationships')).toLocaleString('en')} relationships`;
    log(`graph: ${graph}; server: ${server || 'this checkout'}; load ${loadBefore}`);
    const api = await startApi(uri, log, server || undefined, { NODE_OPTIONS: process.env.NODE_OPTIONS ?? '--max-old-space-size=6144' });
    try {
      const cookie = await signIn(api.base);
      log(`ready after ${api.readyAfter.toFixed(1)} s (load ${load()})`);

      // (b) The opening graph: the first request, then repeated; the raw driver on the same two statements.
      const cpu0 = cpuSeconds(api.child.pid) ?? Number.NaN;
      let started = performance.now();
      const first = await untilAnswered(api.base, cookie, OPENING_GRAPH);
      const firstMs = ms(started);
      const times: number[] = [];
      for (let i = 0; i < requests; i++) {
        started = performance.now();
        const res = await fetch(`${api.base}${OPENING_GRAPH}`, { headers: { cookie } });
        await res.arrayBuffer();
        if (res.status !== 200) throw new Error(`${OPENING_GRAPH}: ${res.status}`);
        times.push(ms(started));
      }
      const apiCpu = (cpuSeconds(api.child.pid) ?? Number.NaN) - cpu0;
      const q = defineQueries('graph', ['nodes', 'edges']);
      const params = GraphQuery.parse({ limit: 5000 });
      const raw: number[] = [];
      const session = driver.session({ defaultAccessMode: neo4j.session.READ });
      try {
        for (let i = 0; i <= requests; i++) {
          started = performance.now();
          await session.executeRead(async (tx) => {
            const nodes = await tx.run(q.nodes, {
              labels: params.labels,
              allowed: [...SENSITIVITY],
              asOf: null,
              limit: neo4j.int(params.limit + 1),
            });
            const ids = nodes.records.slice(0, params.limit).map((r) => r.get('node').id as string);
            await tx.run(q.edges, { ids, allowed: [...SENSITIVITY], asOf: null });
          });
          if (i > 0) raw.push(ms(started)); // the first warms the plan, as the API's warm-up does
        }
      } finally {
        await session.close();
      }
      const ours = summary(times);
      const driverOnly = summary(raw);
      console.log(`\n(b) opening graph ${OPENING_GRAPH} (${(first.bytes / 1e6).toFixed(2)} MB), load ${load()}`);
      console.log('| | first | p50 | p95 | API CPU s |\n| --- | ---: | ---: | ---: | ---: |');
      console.log(
        `| API (${requests} requests) | ${firstMs.toFixed(0)} ms | ${ours.p50.toFixed(0)} ms | ${ours.p95.toFixed(0)} ms | ${apiCpu.toFixed(2)} |`,
      );
      console.log(`| raw driver, same two statements | | ${driverOnly.p50.toFixed(0)} ms | ${driverOnly.p95.toFixed(0)} ms | |`);
      console.log(`API / raw driver (p50): ${(ours.p50 / driverOnly.p50).toFixed(2)}`);

      // The panel answered once (kept, or computed now) before the writes.
      for (const { url } of PANEL) await untilAnswered(api.base, cookie, url);

      // (a) After a write, nobody asking for `wait` seconds, then the panel and the opening graph.
      const actor = (
        await db.read(q.nodes, { labels: ['Actor'], allowed: [...SENSITIVITY], asOf: null, limit: neo4j.int(1) })
      ).records[0]?.get('node') as { id: string; name: string };
      if (waits.length > 0)
        console.log(
          `\n(a) after one entity write (the name of ${actor.id}, an actor of the opening graph), waiting, then the Brokers panel's three requests and the opening graph at once`,
        );
      if (waits.length > 0)
        console.log(
          '| wait | request | statuses | first 200 after the requests (s) | after the write (s) | load |\n| ---: | --- | --- | ---: | ---: | --- |',
        );
      let edits = 0;
      const edit = () => db.write('MATCH (a:Actor {id: $id}) SET a.name = $name', { id: actor.id, name: `${actor.name} (${++edits})` });
      const askAll = () =>
        Promise.all(
          [...PANEL, { name: 'opening graph', url: OPENING_GRAPH }].map(async ({ name, url }) => ({
            name,
            ...(await untilAnswered(api.base, cookie, url)),
          })),
        );
      for (const wait of waits) {
        const wroteAt = performance.now();
        await edit();
        await sleep(wait * 1000);
        const asked = performance.now();
        const outcomes = await askAll();
        for (const o of outcomes) {
          const sinceAsked = o.firstOkMs === null ? 'none' : (o.firstOkMs / 1000).toFixed(1);
          const sinceWrite = o.firstOkMs === null ? 'none' : ((asked - wroteAt + o.firstOkMs) / 1000).toFixed(1);
          console.log(`| ${wait} s | ${o.name} | ${compact(o.statuses)} | ${sinceAsked} | ${sinceWrite} | ${load()} |`);
        }
      }
      if (burst > 0) {
        // (c) A burst of edits, then everything asked at once.
        const loadAtBurst = load();
        const apiCpu0 = cpuSeconds(api.child.pid) ?? Number.NaN;
        const jvmCpu0 = cpuSeconds(jvm) ?? Number.NaN;
        let lastWrite = performance.now();
        for (let i = 0; i < burst; i++) {
          if (i > 0) await sleep(gap * 1000);
          await edit();
          lastWrite = performance.now();
        }
        const asked = performance.now() - lastWrite;
        const outcomes = await askAll();
        const apiCpuBurst = (cpuSeconds(api.child.pid) ?? Number.NaN) - apiCpu0;
        const jvmCpuBurst = (cpuSeconds(jvm) ?? Number.NaN) - jvmCpu0;
        const sinceWrite = (o: { firstOkMs: number | null }) => (o.firstOkMs === null ? null : (asked + o.firstOkMs) / 1000);
        const allFresh = outcomes.every((o) => o.firstOkMs !== null) ? Math.max(...outcomes.map((o) => sinceWrite(o) as number)) : null;
        console.log(
          `\n(c) ${burst} entity writes ${gap} s apart, then the Brokers panel's three requests and the opening graph at once (load ${loadAtBurst})`,
        );
        console.log('| request | statuses | first 200 after the last write (s) |\n| --- | --- | ---: |');
        for (const o of outcomes) console.log(`| ${o.name} | ${compact(o.statuses)} | ${sinceWrite(o)?.toFixed(1) ?? 'none'} |`);
        console.log(
          `every answer fresh ${allFresh === null ? 'never' : `${allFresh.toFixed(1)} s`} after the last write (${((burst - 1) * gap).toFixed(0)} s after the first); from the first write until then API CPU ${apiCpuBurst.toFixed(1)} s, Neo4j CPU ${jvm ? `${jvmCpuBurst.toFixed(1)} s` : 'unmeasured (no --neo4j-data)'}; load ${load()}`,
        );
        // What the burst cost in all: work still under way once every answer is served (the
        // planner's, or a superseded computation's) counts too, until both processes are idle
        // (less than 0.5 CPU s in 5 s), at most 5 minutes.
        const idleAt = async (): Promise<number> => {
          const since = performance.now();
          let last = (cpuSeconds(api.child.pid) ?? 0) + (cpuSeconds(jvm) ?? 0);
          while (performance.now() - since < 300_000) {
            await sleep(5000);
            const now = (cpuSeconds(api.child.pid) ?? 0) + (cpuSeconds(jvm) ?? 0);
            if (now - last < 0.5) break;
            last = now;
          }
          return (performance.now() - lastWrite) / 1000;
        };
        const quietAfter = await idleAt();
        console.log(
          `idle ${quietAfter.toFixed(0)} s after the last write; from the first write until then API CPU ${((cpuSeconds(api.child.pid) ?? Number.NaN) - apiCpu0).toFixed(1)} s, Neo4j CPU ${jvm ? `${((cpuSeconds(jvm) ?? Number.NaN) - jvmCpu0).toFixed(1)} s` : 'unmeasured'}; load ${load()}`,
        );
      }
      console.log(`\nAPI CPU ${(cpuSeconds(api.child.pid) ?? Number.NaN).toFixed(1)} s in all; load ${loadBefore} → ${load()}`);
    } finally {
      api.stop();
    }
  } finally {
    await driver.close();
    await db.close();
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(`[after-write] ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  },
);
