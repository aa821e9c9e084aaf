// npx tsx test/bench/planner.ts [--size 10k] [--seed 1] [--uri bolt://...] [--reuse] [--levels continent,country]
//
// The planner's analyses on a synthetic graph: the coverage grid at each level and the whole
// graph's gaps counted first with one page of evidence, through the service functions (reading
// the facts and computing are timed apart). Without --uri it starts its own throw-away Neo4j;
// with --uri it EMPTIES that database first (unless --reuse: the graph a previous run with the
// same size and seed loaded there is measured again, for profiling without reloading).
// Side by side, the raw neo4j-driver runs the same fact queries (the Cypher alone, records read,
// nothing converted or sorted) in the same run; ratio = our request (read + compute) / raw read.
// Gaps first (the whole graph's count is the quickest answer), then the grids. Each step also reports this process's CPU seconds, which a loaded machine inflates far less
// than wall-clock time. Each read runs twice, ours and the raw driver's alternating (the first
// pays for query planning and a cold page cache); the second pair is compared. Then the same
// questions through the planner cache the endpoints use: cold (first after a write) and warm.
// Prints Markdown tables for RESULTS.md.
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { ensureNeo4jInstalled, startLocalNeo4j } from '@atlas/neo4j-local';
import neo4j from 'neo4j-driver';
import { generateSyntheticGraph, parseActorCount } from '../../seed/src/synthetic/generate.js';
import { Database } from '../../server/src/db/database.js';
import { defineQueries } from '../../server/src/db/queries.js';
import { applySchema } from '../../server/src/db/schema.js';
import { toNeo4jDate } from '../../server/src/db/values.js';
import { computeCoverage } from '../../server/src/features/coverage/service.js';
import { GAP_KINDS } from '../../server/src/features/gaps/model.js';
import { detectGaps, findGaps, loadGapFacts } from '../../server/src/features/gaps/service.js';
import { PlannerCache } from '../../server/src/features/planner/cache.js';
import { FactBase } from '../../server/src/features/positioning/factBase.js';
import { MEMBERSHIP_ORG_KINDS } from '../../server/src/features/positioning/model.js';
import type { Caller } from '../../server/src/http/caller.js';
import { loadSyntheticGraph } from './load.js';

const log = (line: string) => console.log(`[planner-bench] ${line}`);
const arg = (name: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : undefined;
};
const red = { clearance: 'RED', allowed: ['CLEAR', 'GREEN', 'AMBER', 'RED'] } as Caller;
const AS_OF = '2024-06-01';
const LEVELS = ['continent', 'subregion', 'country'] as const;

interface Timed<T> {
  value: T;
  /** Wall-clock seconds. */
  s: number;
  /** CPU seconds of this process (user + system). */
  cpu: number;
}

async function timed<T>(what: string, run: () => T | Promise<T>): Promise<Timed<T>> {
  const start = performance.now();
  const cpuStart = process.cpuUsage();
  const value = await run();
  const s = (performance.now() - start) / 1000;
  const used = process.cpuUsage(cpuStart);
  const cpu = (used.user + used.system) / 1e6;
  log(`${what}: ${s.toFixed(2)} s (CPU ${cpu.toFixed(2)} s)`);
  return { value, s, cpu };
}

const positioning = defineQueries('positioning', [
  'threats',
  'regions',
  'mandates',
  'presence',
  'instruments',
  'links',
  'actorHierarchy',
  'memberships',
  'actors',
]);
const gapQueries = defineQueries('gaps', ['affects', 'regionalOrganizations', 'initiatives']);

/**
 * The fact queries gaps and coverage run (loadGapFacts: the positioning facts of the whole graph
 * and the gap rows, in two read transactions at once), through the bare driver: records read,
 * nothing converted or sorted. `actorIds`: the actors the service looked up.
 */
async function rawRead(uri: string, actorIds: string[]): Promise<number> {
  const driver = neo4j.driver(uri, undefined, { disableLosslessIntegers: true });
  const base = { allowed: red.allowed, asOf: toNeo4jDate(AS_OF) };
  const all = { ...base, threatIds: null, regionIds: null, actorIds: null, orgKinds: MEMBERSHIP_ORG_KINDS, ids: actorIds };
  const read = async (queries: string[]) => {
    const session = driver.session({ defaultAccessMode: neo4j.session.READ });
    try {
      return await session.executeRead(async (tx) => {
        let rows = 0;
        for (const query of queries) for (const record of (await tx.run(query, all)).records) rows += record.keys.length > 0 ? 1 : 0;
        return rows;
      });
    } finally {
      await session.close();
    }
  };
  try {
    const [facts, gaps] = await Promise.all([read(Object.values(positioning)), read(Object.values(gapQueries))]);
    return facts + gaps;
  } finally {
    await driver.close();
  }
}

async function main(): Promise<void> {
  const size = arg('size') ?? '10k';
  const seed = Number(arg('seed') ?? 1);
  const levels = (arg('levels') === 'none' ? [] : (arg('levels')?.split(',') ?? [...LEVELS])) as Array<(typeof LEVELS)[number]>;
  // --cache-only: only the planner cache's figures (at 100k the service-level run alone takes many minutes).
  const cacheOnly = process.argv.includes('--cache-only');
  let uri = arg('uri');
  let stop = async () => {};
  if (!uri) {
    await ensureNeo4jInstalled({ log });
    const dataDir = await mkdtemp(path.join(os.tmpdir(), 'atlas-planner-bench-'));
    const neo4jServer = await startLocalNeo4j({ boltPort: 0, dataDir, heap: '2g', pageCache: '1g', startTimeoutMs: 300_000 });
    uri = neo4jServer.uri;
    stop = async () => {
      await neo4jServer.stop();
      await rm(dataDir, { recursive: true, force: true });
    };
  }
  const db = new Database({ uri, queryTimeoutMs: 3_600_000 });
  try {
    if (!process.argv.includes('--reuse')) {
      await db.runAutoCommit('MATCH (n) CALL (n) { DETACH DELETE n } IN TRANSACTIONS OF 10000 ROWS');
      await applySchema(db);
      await timed(`load ${size} (seed ${seed})`, () =>
        loadSyntheticGraph(db, generateSyntheticGraph({ actors: parseActorCount(size), seed, batchSize: 10_000 }), { mode: 'create' }),
      );
      await db.runAutoCommit('CALL db.awaitIndexes(600)');
    }
    // Each read twice, alternating: the first read of a query after Neo4j started pays for planning
    // it and for a cold page cache, which is not our code's cost. The second pair is compared.
    const coldRead = await timed('read the facts (whole graph), first', () => loadGapFacts(db, red, AS_OF));
    const actorIds = [...coldRead.value.fb.actors.keys()];
    const coldRaw = await timed('raw driver, the same fact queries, first', () => rawRead(uri, actorIds));
    const read = await timed('read the facts (whole graph), again', () => loadGapFacts(db, red, AS_OF));
    const { fb, rows } = read.value;
    const raw = await timed('raw driver, again', () => rawRead(uri, actorIds));
    log(`raw driver read ${raw.value.toLocaleString('en-US')} rows`);
    const lines = [
      '| request | cells or gaps | compute after reading | CPU (compute) | request = read + compute | raw driver read | ratio |',
      '| --- | ---: | ---: | ---: | ---: | ---: | ---: |',
    ];
    const line = (what: string, count: string, step: Timed<unknown>) => {
      const total = read.s + step.s;
      lines.push(
        `| ${what} | ${count} | ${step.s.toFixed(2)} s | ${step.cpu.toFixed(2)} s | ${total.toFixed(2)} s | ${raw.s.toFixed(2)} s | ${(total / raw.s).toFixed(1)} |`,
      );
    };
    const gaps = cacheOnly
      ? undefined
      : await timed('gaps, whole graph, count first + page of 100', () =>
          detectGaps(fb, rows, { kinds: [...GAP_KINDS], hops: 2 }, { limit: 100, timeBudgetMs: 3_600_000 }),
        );
    if (gaps) {
      line('gaps, whole graph, every kind: counts + a page of 100', gaps.value.counts.total.toLocaleString('en-US'), gaps);
      log(`gaps by kind: ${JSON.stringify(gaps.value.counts.byKind)}`);
    }
    for (const level of cacheOnly ? [] : levels) {
      // On facts as a first request after a write has them (nothing the gap count worked out kept).
      const fresh = new FactBase(fb.rows);
      fresh.addActors([...fb.actors.values()]);
      const grid = await timed(`coverage ${level} (fresh facts)`, () =>
        computeCoverage(fresh, rows, { level, asOf: AS_OF, timeBudgetMs: 3_600_000 }),
      );
      line(`coverage, ${level} (on fresh facts)`, `${grid.value.cells.length.toLocaleString('en-US')} cells`, grid);
    }

    // What the endpoints serve: the planner cache. Cold = the first request after a write (a new
    // graph version: the facts read and the answer computed, in slices), warm = the next one.
    const planner = new PlannerCache(db, { budgets: { gapsMs: 3_600_000, coverageMs: 3_600_000 } });
    const cacheLines = [
      '| through the planner cache (the endpoints) | cold: first after a write | warm: asked again | same answer as the service |',
      '| --- | ---: | ---: | --- |',
    ];
    const gapsRequest = { kinds: [...GAP_KINDS], asOf: AS_OF, hops: 2, limit: 100, offset: 0 };
    const viaCache = () => planner.gapsPage(red, gapsRequest, (counting) => findGaps(db, red, gapsRequest, counting));
    const coldGaps = await timed('planner cache: gaps, whole graph (cold: read + count + page)', viaCache);
    const warmGaps = await timed('planner cache: gaps, whole graph (warm)', viaCache);
    const sameGaps = gaps ? (JSON.stringify(warmGaps.value.counts) === JSON.stringify(gaps.value.counts) ? 'yes' : 'NO') : '–';
    log(`gaps by kind (cache): ${JSON.stringify(warmGaps.value.counts.byKind)}`);
    cacheLines.push(
      `| gaps, whole graph: counts + a page of 100 (with sources) | ${coldGaps.s.toFixed(2)} s (CPU ${coldGaps.cpu.toFixed(2)} s) | ${warmGaps.s.toFixed(3)} s | ${sameGaps} |`,
    );
    for (const level of levels) {
      const coldGrid = await timed(`planner cache: coverage ${level} (facts kept, grid computed)`, () =>
        planner.grid(red, { level, asOf: AS_OF }),
      );
      const warmGrid = await timed(`planner cache: coverage ${level} (warm)`, () => planner.grid(red, { level, asOf: AS_OF }));
      cacheLines.push(
        `| coverage, ${level} | ${coldGrid.s.toFixed(2)} s (CPU ${coldGrid.cpu.toFixed(2)} s; facts already read) | ${warmGrid.s.toFixed(3)} s | – |`,
      );
    }
    planner.close();
    const heapMb = Math.round(process.memoryUsage().heapUsed / 1e6);
    const load = os.loadavg().map((l) => l.toFixed(1));
    console.log(
      `\n${size} actors (seed ${seed}; ${fb.actors.size.toLocaleString('en-US')} actors read), read ${read.s.toFixed(2)} s (CPU ${read.cpu.toFixed(2)} s; ` +
        `first ${coldRead.s.toFixed(2)} s), raw driver ${raw.s.toFixed(2)} s (CPU ${raw.cpu.toFixed(2)} s; first ${coldRaw.s.toFixed(2)} s), ` +
        `heap used at the end ${heapMb} MB, load average ${load.join(' / ')}\n\n${lines.join('\n')}\n\n${cacheLines.join('\n')}`,
    );
  } finally {
    await db.close();
    await stop();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
