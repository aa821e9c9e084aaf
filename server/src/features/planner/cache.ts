import { getHeapStatistics } from 'node:v8';
import { GAP_LIMITS } from '@atlas/seed';
import { type AnalysisBudgets, DEFAULT_ANALYSIS_BUDGETS, type Sensitivity } from '../../config.js';
import type { Database } from '../../db/database.js';
import { readGraphVersion, Superseded } from '../../db/graphVersion.js';
import { AppError } from '../../errors.js';
import { allowedLevels, type Caller } from '../../http/caller.js';
import { type CoverageGrid, type CoverageRequest, coverageSteps } from '../coverage/service.js';
import { GAP_KINDS, type GapRows } from '../gaps/model.js';
import { type CountedFacts, countFresh, countSteps, type GapsRequest, loadGapFacts, summarize } from '../gaps/service.js';
import type { FactBase } from '../positioning/factBase.js';
import { requireKnown } from '../positioning/repository.js';
import { runSliced } from '../positioning/steps.js';
import { FlightLru } from './lru.js';

/**
 * How many of each are kept. A whole graph's facts are the large part: the rows and their indexes
 * plus what the analyses remember on them (presence per region, balls of ties). Measured in the
 * planner bench: about 0.7 GB of heap each at 10k actors once a country grid has run on them, about
 * 1.8 GB each at 100k after the whole-graph gap count; so two (two clearances, or two dates) at
 * most, and a 100k graph wants Node's heap raised (--max-old-space-size; the default is about
 * 4 GB). Counts, grids and pages of gaps are small beside them (a country grid at 10k: 11,520
 * cells; a page: at most 5,000 gaps with their evidence).
 */
export const PLANNER_CACHE_SIZES = { facts: 2, counts: 32, grids: 16, pages: 32 } as const;

/**
 * A second whole graph's facts are kept only while the heap has room: past this share of Node's
 * heap limit once the newest is in, the older ones go (at 100k actors two fact bases alone are
 * 3.6 GB of a default 4 GB heap, and a process that runs out of heap dies with every request).
 */
const HEAP_SHARE_FOR_FACTS = 0.45;
const heapCrowded = (): boolean => process.memoryUsage().heapUsed > HEAP_SHARE_FOR_FACTS * getHeapStatistics().heap_size_limit;

/** Reading the whole graph's facts in the background: 74 s at 100k actors on a loaded machine, far past a request's query timeout. */
const BACKGROUND_READ_TIMEOUT_MS = 600_000;
/** A question asked within this time is computed again, in the background, after a write. */
const RECENT_MS = 60 * 60 * 1000;
const MAX_RECENT = 8;
/** What a "still computing" answer asks the client to wait before asking again. */
export const RETRY_AFTER_S = 5;

/** The questions the panels open with, computed after start-up: the whole graph's gap counts, the grids by sub-region and by country. */
const DEFAULT_GRID_LEVELS = ['subregion', 'country'] as const;

export interface PlannerCacheOptions {
  budgets?: AnalysisBudgets;
  /** Compute in the background: the default questions on warm(), the recent ones after a write (noticed within pollMs). */
  warm?: boolean;
  pollMs?: number;
  log?: (line: string) => void;
}

interface Loaded {
  fb: FactBase;
  rows: GapRows;
}

const levelsOf = (caller: Caller) => caller.allowed.join(',');

function stillComputing(what: string, budgetMs: number): AppError {
  return new AppError(
    503,
    'computing',
    'Still computing',
    `${what} for the current graph ${budgetMs > 0 ? `did not finish within ${Math.round(budgetMs / 1000)} s` : 'is not ready yet'}; it goes on in the background. Ask again in about ${RETRY_AFTER_S} s (Retry-After).`,
    undefined,
    RETRY_AFTER_S,
  );
}

/**
 * The planner's whole-graph work, kept per graph version: the facts of the whole graph read for a
 * clearance and date, the gap counts of a question and the coverage grids. Every key holds the
 * graph version, the caller's allowed levels and the date, so an answer computed for RED never
 * serves GREEN and nothing outlives a write (the version, db/graphVersion.ts, changes with every
 * graph write of any API process; one indexed read per request tells).
 *
 * A request for a value being computed waits for it within its budget, then gets a 503 "computing"
 * with Retry-After while the computation goes on; computations run one at a time, in slices that
 * give the event loop back, so other requests are served meanwhile.
 */
export class PlannerCache {
  private version: string | undefined;
  private readonly facts = new FlightLru<Loaded>(PLANNER_CACHE_SIZES.facts, (key) => this.isCurrent(key), heapCrowded);
  private readonly counts = new FlightLru<CountedFacts>(PLANNER_CACHE_SIZES.counts, (key) => this.isCurrent(key));
  private readonly grids = new FlightLru<CoverageGrid>(PLANNER_CACHE_SIZES.grids, (key) => this.isCurrent(key));
  private readonly pages = new FlightLru<unknown>(PLANNER_CACHE_SIZES.pages, (key) => this.isCurrent(key));
  private queue: Promise<unknown> = Promise.resolve();
  /** Stops the reads of the current version's facts once a newer version is seen (refresh). */
  private stop = new AbortController();
  private readonly recent = new Map<string, { askedAt: number; run: () => Promise<unknown> }>();
  private readonly budgets: AnalysisBudgets;
  private readonly timer?: NodeJS.Timeout;

  constructor(
    private readonly db: Database,
    private readonly options: PlannerCacheOptions = {},
  ) {
    this.budgets = options.budgets ?? DEFAULT_ANALYSIS_BUDGETS;
    if (options.warm) {
      this.timer = setInterval(() => void this.refresh().catch(() => undefined), options.pollMs ?? 10_000);
      this.timer.unref();
    }
  }

  close(): void {
    clearInterval(this.timer);
  }

  /** What is kept right now (for the bench and tests). */
  get sizes(): { facts: number; counts: number; grids: number; pages: number } {
    return { facts: this.facts.size, counts: this.counts.size, grids: this.grids.size, pages: this.pages.size };
  }

  /**
   * GET /api/gaps: a page of gaps with its counts, built by `build` from the counts kept here, and
   * kept itself: building a page positions every actor of the questions it holds, seconds at 100k.
   */
  async gapsPage<T>(caller: Caller, req: GapsRequest, build: (counting: PlannerCache['gapCounts']) => Promise<T>): Promise<T> {
    const version = await this.refresh();
    const key = `${this.countsKey(`${version}|${levelsOf(caller)}|${req.asOf}`, req)}|page|${req.offset ?? 0}|${req.limit ?? ''}`;
    return this.pages.get(key, () => build((c, r) => this.gapCounts(c, r))) as Promise<T>;
  }

  /** GET /api/gaps: the counts of a question (and the facts a page is built from). */
  async gapCounts(caller: Caller, req: GapsRequest): Promise<CountedFacts> {
    const version = await this.refresh();
    const focused = Boolean(req.threat || req.region);
    const base = `${version}|${levelsOf(caller)}|${req.asOf}`;
    // A focused question without the whole graph's facts at hand reads only its own (quick, within the request).
    if (focused && this.facts.peek(base) === undefined) {
      return this.counts.get(this.countsKey(base, req), () => countFresh(this.db, caller, req));
    }
    if (!focused) this.remember(`gaps|${levelsOf(caller)}|${req.asOf}|${this.question(req)}`, () => this.countsWork(caller, req));
    const budget = req.timeBudgetMs ?? this.budgets.gapsMs;
    return this.within(this.countsWork(caller, req, version), budget, 'Counting the gaps');
  }

  /**
   * The whole graph's facts for the caller's levels and date, when they are kept for the current
   * graph version (after the planner's warm-up or a whole-graph question); never reads them.
   * GET /api/responders ranks on them instead of reading its own (test: responders-kept).
   */
  async keptFacts(caller: Caller, asOf: string): Promise<FactBase | undefined> {
    const version = await this.refresh();
    return this.facts.peek(`${version}|${levelsOf(caller)}|${asOf}`)?.fb;
  }

  /** GET /api/coverage: a grid. */
  async grid(caller: Caller, req: CoverageRequest): Promise<CoverageGrid> {
    const version = await this.refresh();
    if (!req.threat && !req.region) this.remember(`grid|${levelsOf(caller)}|${req.asOf}|${req.level}`, () => this.gridWork(caller, req));
    const budget = req.timeBudgetMs ?? this.budgets.coverageMs;
    return this.within(this.gridWork(caller, req, version), budget, `The ${req.level} coverage grid`);
  }

  /**
   * Computes the default questions for these clearances in the background (after start-up);
   * settles when every one is computed or has failed (start-up waits for it before "ready").
   */
  warm(clearances: Sensitivity[], asOf: string): Promise<void> {
    for (const clearance of new Set(clearances)) {
      const caller = { clearance, allowed: allowedLevels(clearance), userId: 'warm', role: 'viewer' } as Caller;
      const gaps: GapsRequest = { kinds: [...GAP_KINDS], asOf, hops: GAP_LIMITS.defaultHops };
      this.remember(`gaps|${levelsOf(caller)}|${asOf}|${this.question(gaps)}`, () => this.countsWork(caller, gaps));
      for (const level of DEFAULT_GRID_LEVELS)
        this.remember(`grid|${levelsOf(caller)}|${asOf}|${level}`, () => this.gridWork(caller, { level, asOf }));
    }
    return this.rewarm();
  }

  /**
   * The graph version (one indexed read). A new one drops what was derived from the old one and,
   * when warming, computes the recent questions again for the new graph.
   */
  async refresh(): Promise<string> {
    const version = await readGraphVersion(this.db);
    if (version !== this.version) {
      const first = this.version === undefined;
      this.version = version;
      // A whole graph's facts being read for the older version (74 s at 100k actors) could only
      // hold the queue for work nobody can be served: the read is stopped, the query ended on the server.
      this.stop.abort(new Superseded());
      this.stop = new AbortController();
      for (const kept of [this.facts, this.counts, this.grids, this.pages]) kept.keepOnly(`${version}|`);
      if (this.options.warm && !first) void this.rewarm();
    }
    return version;
  }

  private isCurrent(key: string): boolean {
    return key.startsWith(`${this.version}|`);
  }

  private question(req: GapsRequest): string {
    return `${[...req.kinds].sort().join(',')}|${req.threat ?? ''}|${req.region ?? ''}|${req.hops}`;
  }

  private countsKey(base: string, req: GapsRequest): string {
    return `${base}|gaps|${this.question(req)}`;
  }

  private async countsWork(caller: Caller, req: GapsRequest, known?: string): Promise<CountedFacts> {
    const version = known ?? (await this.refresh());
    const base = `${version}|${levelsOf(caller)}|${req.asOf}`;
    const count = async () => {
      const { fb, rows } = await this.loaded(base, version, caller, req.asOf);
      requireKnown(fb, req.threat, req.region);
      const counted = await runSliced(countSteps(fb, rows, req), { onStep: this.unlessSuperseded(version) });
      return { fb, rows, counted, counts: summarize(fb, counted) };
    };
    // A focused question on facts already read is quick: it does not wait behind a grid being computed.
    const quick = Boolean(req.threat || req.region) && this.facts.peek(base) !== undefined;
    return this.counts.get(this.countsKey(base, req), () => (quick ? count() : this.exclusive(count)));
  }

  private async gridWork(caller: Caller, req: CoverageRequest, known?: string): Promise<CoverageGrid> {
    const version = known ?? (await this.refresh());
    const base = `${version}|${levelsOf(caller)}|${req.asOf}`;
    return this.grids.get(`${base}|grid|${req.level}|${req.threat ?? ''}|${req.region ?? ''}`, () =>
      this.exclusive(async () => {
        const { fb, rows } = await this.loaded(base, version, caller, req.asOf);
        requireKnown(fb, req.threat, req.region);
        return runSliced(coverageSteps(fb, rows, req), { onStep: this.unlessSuperseded(version) });
      }),
    );
  }

  /** The facts of `version` (in `base`), read once; the read stops when a newer version is seen. */
  private loaded(base: string, version: string, caller: Caller, asOf: string): Promise<Loaded> {
    return this.facts.get(base, async () => {
      if (this.version !== version) throw new Superseded();
      return loadGapFacts(this.db.withSignal(this.stop.signal), caller, asOf, BACKGROUND_READ_TIMEOUT_MS);
    });
  }

  /** One whole-graph computation at a time: two would only share the same cores and double the memory. */
  private exclusive<T>(work: () => Promise<T>): Promise<T> {
    const run = this.queue.then(work, work);
    this.queue = run.catch(() => undefined);
    return run;
  }

  /** Stops a computation for a graph version that a write has replaced. */
  private unlessSuperseded(version: string): () => void {
    return () => {
      if (this.version !== version) throw new Superseded();
    };
  }

  /** Waits for the value within the budget; past it (or when a write made it stale), a 503 asking to come back. */
  private async within<T>(work: Promise<T>, budgetMs: number, what: string): Promise<T> {
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(stillComputing(what, budgetMs)), Math.max(0, budgetMs));
    });
    try {
      return await Promise.race([work, late]);
    } catch (error) {
      if (error instanceof Superseded) throw stillComputing(what, 0);
      throw error;
    } finally {
      clearTimeout(timer);
    }
  }

  private remember(key: string, run: () => Promise<unknown>): void {
    this.recent.delete(key);
    this.recent.set(key, { askedAt: Date.now(), run });
    for (const oldest of this.recent.keys()) {
      if (this.recent.size <= MAX_RECENT) break;
      this.recent.delete(oldest);
    }
  }

  private async rewarm(): Promise<void> {
    const since = Date.now() - RECENT_MS;
    const runs: Promise<unknown>[] = [];
    for (const [key, { askedAt, run }] of this.recent) {
      if (askedAt < since) {
        this.recent.delete(key);
        continue;
      }
      runs.push(
        run().catch((error: unknown) => {
          if (!(error instanceof Superseded)) this.options.log?.(`[planner] computing ${key} failed: ${String(error)}`);
        }),
      );
    }
    await Promise.all(runs);
  }
}
