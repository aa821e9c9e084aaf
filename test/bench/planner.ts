// npx tsx test/bench/planner.ts [--size 10k] [--seed 1] [--uri bolt://...] [--reuse]
//
// The planner's analyses on a synthetic graph: the coverage grid at each level and the whole
// graph's gaps counted first with one page of evidence, through the service functions (reading
// the facts and computing are timed apart). Without --uri it starts its own throw-away Neo4j;
// with --uri it EMPTIES that database first (unless --reuse: the graph a previous run with the
// same size and seed loaded there is measured again, for profiling without reloading). Prints a Markdown table for RESULTS.md.
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { ensureNeo4jInstalled, startLocalNeo4j } from '@atlas/neo4j-local';
import { generateSyntheticGraph, parseActorCount } from '../../seed/src/synthetic/generate.js';
import { Database } from '../../server/src/db/database.js';
import { applySchema } from '../../server/src/db/schema.js';
import { computeCoverage } from '../../server/src/features/coverage/service.js';
import { GAP_KINDS } from '../../server/src/features/gaps/model.js';
import { detectGaps, loadGapFacts } from '../../server/src/features/gaps/service.js';
import type { Caller } from '../../server/src/http/caller.js';
import { loadSyntheticGraph } from './load.js';

const log = (line: string) => console.log(`[planner-bench] ${line}`);
const arg = (name: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : undefined;
};
const red = { clearance: 'RED', allowed: ['CLEAR', 'GREEN', 'AMBER', 'RED'] } as Caller;
const AS_OF = '2024-06-01';
const seconds = (start: number) => ((performance.now() - start) / 1000).toFixed(2);

async function timed<T>(what: string, run: () => T | Promise<T>): Promise<{ value: T; s: string }> {
  const start = performance.now();
  const value = await run();
  const s = seconds(start);
  log(`${what}: ${s} s`);
  return { value, s };
}

async function main(): Promise<void> {
  const size = arg('size') ?? '10k';
  const seed = Number(arg('seed') ?? 1);
  let uri = arg('uri');
  let stop = async () => {};
  if (!uri) {
    await ensureNeo4jInstalled({ log });
    const dataDir = await mkdtemp(path.join(os.tmpdir(), 'atlas-planner-bench-'));
    const neo4j = await startLocalNeo4j({ boltPort: 0, dataDir, heap: '2g', pageCache: '1g', startTimeoutMs: 300_000 });
    uri = neo4j.uri;
    stop = async () => {
      await neo4j.stop();
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
    const read = await timed('read the facts (whole graph)', () => loadGapFacts(db, red, AS_OF));
    const { fb, rows } = read.value;
    const lines = [`| request | cells or gaps | compute after reading |`, `| --- | ---: | ---: |`];
    for (const level of ['continent', 'subregion', 'country'] as const) {
      const grid = await timed(`coverage ${level}`, () => computeCoverage(fb, rows, { level, asOf: AS_OF, timeBudgetMs: 600_000 }));
      lines.push(`| coverage, ${level} | ${grid.value.cells.length.toLocaleString('en-US')} cells | ${grid.s} s |`);
    }
    const gaps = await timed('gaps, whole graph, count first + page of 100', () =>
      detectGaps(fb, rows, { kinds: [...GAP_KINDS], hops: 2 }, { limit: 100, timeBudgetMs: 600_000 }),
    );
    lines.push(
      `| gaps, whole graph, every kind: counts + a page of 100 | ${gaps.value.counts.total.toLocaleString('en-US')} | ${gaps.s} s |`,
    );
    log(`gaps by kind: ${JSON.stringify(gaps.value.counts.byKind)}`);
    const load = os.loadavg().map((l) => l.toFixed(1));
    console.log(`\n${size} actors (seed ${seed}), read ${read.s} s, load average ${load.join(' / ')}\n\n${lines.join('\n')}`);
  } finally {
    await db.close();
    await stop();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
