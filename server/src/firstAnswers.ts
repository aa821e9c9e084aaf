import type { Sensitivity } from './config.js';
import type { Database } from './db/database.js';
import { AppError } from './errors.js';
import type { KeptAnalyses } from './features/centrality/kept.js';
import { warmBrokersPanel } from './features/centrality/router.js';
import { CentralityQuery } from './features/centrality/schema.js';
import { chooseEngine, computeCentrality } from './features/centrality/service.js';
import type { LayoutCache } from './features/graph/layout.js';
import { warmOpeningGraph } from './features/graph/router.js';
import type { PlannerCache } from './features/planner/cache.js';
import { allowedLevels, type Caller } from './http/caller.js';

export interface FirstAnswersOptions {
  db: Database;
  /** Absent when the planner does not warm (ATLAS_PLANNER_WARM=off). */
  planner?: PlannerCache;
  /** Where the opening graph's layout and its whole answer are kept (GET /api/graph); either absent: not computed ahead. */
  layouts?: LayoutCache;
  graphs?: KeptAnalyses;
  /** Where the Brokers panel's answers are kept (GET /api/centrality…); absent: not computed ahead. */
  analyses?: KeptAnalyses;
  clearances: Sensitivity[];
  asOf: string;
  /** How long start-up waits before it says ready anyway (the work goes on in the background). */
  waitMs: number;
  log: (line: string) => void;
}

const PENDING_RETRY_MS = 2_000;

/**
 * What a first visitor asks for, computed before the API says it is ready: the planner's default
 * questions (whole-graph gap counts, coverage grids), on GDS the default slice's projection with a
 * PageRank on it, the explorer's opening graph laid out, and the Brokers panel's opening questions
 * (betweenness, communities, cut points), for each clearance in use; the last two are kept as
 * questions asked, so after a write they are computed again in the background (KeptAnalyses). At 100k actors these take a minute on 2 cores;
 * asked cold, the same questions came back 503 "still computing" or timed out in the first minute
 * after "ready" (test/bench/firstMinute.ts). Readiness (GET /api/health/ready) says what is still
 * being computed. After `waitMs` it resolves anyway, naming what is still running; nothing is
 * cancelled.
 */
export async function computeFirstAnswers(
  options: FirstAnswersOptions,
): Promise<{ pending: string[]; seconds: number; tasks: string[]; settled: Promise<void> }> {
  const { db, planner, layouts, graphs, analyses, clearances, asOf, waitMs, log } = options;
  const started = Date.now();
  const deadline = started + waitMs;
  const tasks: Array<{ name: string; run: () => Promise<unknown> }> = [];
  if (planner) tasks.push({ name: 'gap counts and coverage grids', run: () => planner.warm(clearances, asOf) });
  if ((await chooseEngine(db, 'auto').catch(() => 'in-process')) === 'gds') {
    for (const clearance of new Set(clearances)) {
      tasks.push({ name: `PageRank at ${clearance}`, run: () => pageRankOnGds(db, clearance, deadline) });
    }
  }
  for (const clearance of new Set(clearances)) {
    const caller = callerAt(clearance);
    if (layouts && graphs) tasks.push({ name: `the opening graph at ${clearance}`, run: () => warmOpeningGraph(graphs, layouts, caller) });
    if (analyses) tasks.push({ name: `the Brokers panel at ${clearance}`, run: () => warmBrokersPanel(analyses, caller) });
  }
  const pending = new Set(tasks.map((t) => t.name));
  const total = tasks.length;
  const report = () => {
    db.lifecycle.firstAnswers = { state: 'warming', done: total - pending.size, total, pending: [...pending] };
  };
  report();
  const all: Promise<void> = Promise.all(
    tasks.map(async ({ name, run }) => {
      try {
        await run();
      } catch (error) {
        log(`could not compute ${name} ahead: ${(error as Error).message.split('\n')[0]}`);
      }
      pending.delete(name);
      report();
    }),
  ).then(() => undefined);
  let timer: NodeJS.Timeout | undefined;
  await Promise.race([all, new Promise((resolve) => (timer = setTimeout(resolve, Math.max(0, deadline - Date.now()))))]);
  clearTimeout(timer);
  db.lifecycle.firstAnswers = { state: 'done' };
  return { pending: [...pending], seconds: (Date.now() - started) / 1000, tasks: tasks.map((t) => t.name), settled: all };
}

/** A reader at `clearance`, as whom the first answers are computed (they are kept per clearance). */
const callerAt = (clearance: Sensitivity): Caller =>
  ({ clearance, allowed: allowedLevels(clearance), userId: 'warm', role: 'viewer' }) as Caller;

/**
 * PageRank on the default slice, as GET /api/centrality?measure=pagerank asks it: its projection
 * stays cached for every request on the same graph version. A projection longer than a request's
 * budget answers 503 projection-pending while it goes on; ask again until it is made.
 */
async function pageRankOnGds(db: Database, clearance: Sensitivity, deadline: number): Promise<void> {
  const caller = callerAt(clearance);
  const params = CentralityQuery.parse({ measure: 'pagerank', top: 10, engine: 'gds' });
  for (;;) {
    try {
      await computeCentrality(db, caller, params);
      return;
    } catch (error) {
      if (!(error instanceof AppError && error.code === 'projection-pending') || Date.now() > deadline) throw error;
      await new Promise((resolve) => setTimeout(resolve, PENDING_RETRY_MS));
    }
  }
}
