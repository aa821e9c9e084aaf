import type { Database } from '../../db/database.js';
import { GraphVersionReader, Superseded } from '../../db/graphVersion.js';
import { AppError } from '../../errors.js';
import type { Caller } from '../../http/caller.js';
import type { KeptAnswer } from '../actors/cache.js';

/** What a "still computing" answer asks the client to wait before asking again (as the planner's). */
export const RETRY_AFTER_S = 5;

export interface KeptAnalysesOptions {
  /**
   * How long a request waits for its answer; past it, a 503 "computing" with Retry-After while
   * the computation goes on. Default: the database's transaction timeout, the budget these
   * requests had before (ATLAS_QUERY_TIMEOUT_MS).
   */
  waitMs?: number;
  /** The time budget of a computation that goes on past its request's wait. */
  backgroundMs?: number;
  /** How many computations may go on past their request's wait at once; others keep the request's budget. */
  maxBackground?: number;
  /** The most bytes of answers kept; least recently used go first. */
  maxBytes?: number;
  /**
   * Compute the questions asked recently (and those warmed) again in the background after a
   * write, noticed within `pollMs` (or by the next request), as the planner does its own.
   */
  rewarm?: boolean;
  pollMs?: number;
  log?: (line: string) => void;
}

/** What a computation gives: an answer, and whether it may be kept (false: a degraded answer, for this request only). */
export interface Computed extends KeptAnswer {
  keep?: boolean;
}

type Compute = (db: Database) => Promise<Computed>;
/** A question as asked: by whom (their levels are part of its key), what, and how it is computed. */
interface Asked {
  caller: Caller;
  question: string;
  compute: Compute;
  /** When a request asked it (or start-up warmed it) last; computing it again after a write does not make it recent. */
  askedAt?: number;
}

/** Ten minutes: what the client keeps asking for (COMPUTING_RETRY in client/src/api/http.ts). */
const DEFAULT_BACKGROUND_MS = 600_000;
const DEFAULT_MAX_BYTES = 64 * 1024 * 1024;
/** A question asked within this time is computed again, in the background, after a write (as the planner's). */
const RECENT_MS = 60 * 60 * 1000;
/** The Brokers panel's three opening questions at four clearances. */
const MAX_RECENT = 12;
const DEFAULT_POLL_MS = 10_000;

type Entry =
  | { state: 'running'; work: Promise<Computed>; background: boolean }
  | { state: 'done'; answer: KeptAnswer }
  | { state: 'refused'; error: AppError };

/**
 * The answers of centrality, communities and structure requests (the Brokers panel), kept per
 * graph version, the caller's allowed levels and every parameter of the question, like the
 * planner's (features/planner/cache.ts): an answer made for RED never serves GREEN, and nothing
 * outlives a write through any API process (db/graphVersion.ts).
 *
 * A question its request cannot wait for is not thrown away. At 100k actors the panel's opening
 * questions (betweenness of the whole graph, its Louvain communities) take longer than a request's
 * 15 s: they used to answer 422 "did not finish" however often they were asked, on the screen a
 * researcher opens first. Now the request answers 503 "computing" with Retry-After (the client
 * keeps asking, showing that it is loading) while the computation goes on with `backgroundMs`,
 * and the next request gets the answer. At most `maxBackground` computations go on past their
 * request at once; a question asked while they run keeps the request's own budget, as before.
 * A refusal (a 4xx: too large, too slow even for the background budget) is kept for the version
 * too, so a client that asks again is told at once instead of starting the work again; a failure
 * of the database (5xx) is not kept.
 *
 * With `rewarm`, a write does not leave the next researcher to wait for a recomputation nobody
 * started (at 100k actors, a minute of 503s and 422s on the panel): the questions answered in the
 * last hour (those warmed at start-up too; not those refused), at most MAX_RECENT, are computed
 * again for the new version in the background as soon as it is seen (a poll every `pollMs`, or a
 * request), each once per version and through the same background slots as requests, never more
 * than `maxBackground` at once. Work for a version that a later write replaced is not started,
 * and what is under way for it is stopped as soon as the newer version is seen (run()): at 100k
 * actors one betweenness or Louvain takes about 40 s, and three edits a minute apart used to keep
 * both slots computing answers nobody could be served while the current version's waited. A kept
 * answer is never served for another version than the one it was computed at. GET /api/graph keeps its answers in one of these too (features/graph/router.ts).
 */
export class KeptAnalyses {
  private version = '';
  private readonly entries = new Map<string, Entry>();
  private bytes = 0;
  private background = 0;
  /** The background computations under way, each with the graph version it is for and how to stop it. */
  private readonly underWay = new Set<{ version: string; stop: AbortController }>();
  private readonly versions: GraphVersionReader;
  private readonly waitMs: number;
  private readonly backgroundMs: number;
  private backgroundDb: Database | undefined;
  private readonly maxBackground: number;
  private readonly maxBytes: number;
  private readonly recent = new Map<string, Asked>();
  /** Who waits for a background slot to be given back (rewarm). */
  private slotWaiters: Array<() => void> = [];
  private readonly timer?: NodeJS.Timeout;
  /** The recomputation after the latest write (for tests and the bench). */
  rewarming: Promise<void> = Promise.resolve();
  /** Computations started (for tests and the bench). */
  computations = 0;

  constructor(
    private readonly db: Database,
    private readonly options: KeptAnalysesOptions = {},
  ) {
    this.versions = new GraphVersionReader(db);
    this.waitMs = options.waitMs ?? db.timeoutMs;
    // The view is made when first needed: an app built on a stand-in database (tests) never asks.
    this.backgroundMs = options.backgroundMs ?? DEFAULT_BACKGROUND_MS;
    this.maxBackground = options.maxBackground ?? 2;
    this.maxBytes = options.maxBytes ?? DEFAULT_MAX_BYTES;
    if (options.rewarm) {
      this.timer = setInterval(() => void this.refresh().catch(() => undefined), options.pollMs ?? DEFAULT_POLL_MS);
      this.timer.unref();
    }
  }

  close(): void {
    clearInterval(this.timer);
  }

  /** Reads the graph version; a new one drops what was kept and (with `rewarm`) computes the recent questions again. */
  async refresh(): Promise<void> {
    const version = await this.versions.current();
    if (version !== this.version) this.moveTo(version);
  }

  /** Answers kept (for tests). */
  get size(): number {
    return [...this.entries.values()].filter((e) => e.state === 'done').length;
  }

  /**
   * The answer to `question` for `caller`: kept, being computed (waited for within the request's
   * wait), or computed now by `compute` on the database it is given: the request's, or one with
   * the background budget when a slot is free.
   */
  async answer(caller: Caller, question: string, compute: Compute): Promise<KeptAnswer> {
    const started = Date.now();
    const key = await this.keyFor(caller, question);
    let entry = this.entries.get(key);
    if (entry?.state === 'done') {
      this.entries.delete(key);
      this.entries.set(key, entry); // most recently used last
      this.remember({ caller, question, compute });
      return entry.answer;
    }
    if (entry?.state === 'refused') throw entry.error;
    entry ??= this.start(key, { caller, question, compute });
    // A computation on the request's own budget ends within it, answered or refused, as before.
    if (!entry.background) return entry.work;
    return this.waitFor(entry.work, this.waitMs - (Date.now() - started), question);
  }

  /** Computes `question` ahead (start-up), with the background budget: resolves once it is kept or refused. */
  async warm(caller: Caller, question: string, compute: Compute): Promise<void> {
    const key = await this.keyFor(caller, question);
    const entry = this.entries.get(key);
    if (entry?.state === 'done') this.remember({ caller, question, compute });
    const work = entry?.state === 'running' ? entry.work : entry ? undefined : this.start(key, { caller, question, compute }, 'warm').work;
    await work?.catch(() => undefined);
  }

  /** The key of a question at the current graph version (read now: a write of any process is seen). */
  private async keyFor(caller: Caller, question: string): Promise<string> {
    const version = await this.versions.current();
    if (version !== this.version) this.moveTo(version);
    return keyAt(version, caller, question);
  }

  /** Computes `asked` under `key`; an answer kept makes it a recent question (a refusal does not: it is not asked again after a write). */
  private start(key: string, asked: Asked, how: 'request' | 'warm' | 'queued' = 'request') {
    const background = how !== 'request' || this.background < this.maxBackground;
    const work = how === 'queued' ? this.whenSlotFree(this.version, asked) : this.run(asked, background);
    const entry = { state: 'running' as const, work, background };
    this.entries.set(key, entry);
    work.then(
      (answer) => {
        // Gone: the graph changed meanwhile (moveTo), so this answer is of an older version.
        if (this.entries.get(key) !== entry) return;
        if (answer.body.length > this.maxBytes || answer.keep === false) this.entries.delete(key);
        else {
          this.keep(key, answer);
          this.remember(asked);
        }
      },
      (error: unknown) => {
        if (this.entries.get(key) !== entry) return;
        // A refusal with the background budget (too large, too slow even then) is the answer for
        // this version; one on a request's budget depends on the load, and a database failure may
        // go by itself: those are asked again.
        if (background && error instanceof AppError && error.status < 500) this.entries.set(key, { state: 'refused', error });
        else this.entries.delete(key);
      },
    );
    return entry;
  }

  /**
   * Runs the computation, on a background slot (taken now) or on the request's budget. One on a
   * slot is stopped when a newer version is seen (moveTo): it rejects with Superseded and gives its
   * slot back at once, while its worker threads are stopped and its Neo4j session closed (the
   * database view's signal: the query ends on the server, a GDS projection nobody else uses is
   * dropped). One on a request's budget answers its request, as before.
   */
  private async run(asked: Asked, background: boolean): Promise<Computed> {
    this.computations++;
    if (!background) return asked.compute(this.db);
    this.background++;
    this.backgroundDb ??= this.db.withTimeout(this.backgroundMs);
    const stop = new AbortController();
    const work = { version: this.version, stop };
    this.underWay.add(work);
    try {
      const computing = asked.compute(this.backgroundDb.withSignal(stop.signal));
      computing.catch(() => undefined); // once stopped, its own failure is not awaited
      const stopped = new Promise<never>((_, reject) =>
        stop.signal.addEventListener('abort', () => reject(stop.signal.reason), { once: true }),
      );
      return await Promise.race([computing, stopped]);
    } finally {
      this.underWay.delete(work);
      this.background--;
      for (const wake of this.slotWaiters.splice(0)) wake();
    }
  }

  /**
   * A recomputation after a write: it waits for a background slot, and is not started at all if
   * a newer version was seen meanwhile (whoever waited for it is told to ask again).
   */
  private async whenSlotFree(version: string, asked: Asked): Promise<Computed> {
    while (this.background >= this.maxBackground) await new Promise<void>((wake) => this.slotWaiters.push(wake));
    if (this.version !== version) throw stillComputing(asked.question, this.waitMs);
    return this.run(asked, true);
  }

  private async waitFor(work: Promise<Computed>, waitMs: number, question: string): Promise<KeptAnswer> {
    let timer: NodeJS.Timeout | undefined;
    const waited = new Promise<null>((resolve) => {
      timer = setTimeout(() => resolve(null), Math.max(0, waitMs));
    });
    try {
      const answer = await Promise.race([work, waited]);
      if (answer) return answer;
    } catch (error) {
      // Stopped for a newer version: the client asks again, as it would have past the wait.
      if (error instanceof Superseded) throw stillComputing(question, this.waitMs);
      throw error;
    } finally {
      clearTimeout(timer);
    }
    throw stillComputing(question, this.waitMs);
  }

  private moveTo(version: string): void {
    this.version = version;
    // Background work for an older version is stopped: its answer could never be served.
    for (const work of this.underWay) if (work.version !== version) work.stop.abort(new Superseded());
    // Everything of the older version goes; a computation on a request's budget finishes but is not kept (start()).
    this.entries.clear();
    this.bytes = 0;
    if (this.options.rewarm && this.maxBackground > 0 && this.recent.size > 0) this.rewarming = this.rewarm(version);
  }

  private remember(asked: Asked): void {
    const key = keyAt('', asked.caller, asked.question);
    this.recent.delete(key); // most recently asked last
    this.recent.set(key, { ...asked, askedAt: asked.askedAt ?? Date.now() });
    for (const oldest of this.recent.keys()) {
      if (this.recent.size <= MAX_RECENT) break;
      this.recent.delete(oldest);
    }
  }

  /**
   * The recent questions computed again for `version`, most recently asked first, each as soon as
   * a background slot is free. They are kept as being computed at once, so a request asking one
   * meanwhile waits for it (503 "computing" past its wait) instead of computing it a second time
   * on its own budget; once a newer version is seen, those not started yet are not started.
   */
  private async rewarm(version: string): Promise<void> {
    const since = Date.now() - RECENT_MS;
    const works: Promise<unknown>[] = [];
    for (const [recentKey, asked] of [...this.recent].reverse()) {
      if ((asked.askedAt ?? 0) < since) {
        this.recent.delete(recentKey);
        continue;
      }
      const key = keyAt(version, asked.caller, asked.question);
      if (this.entries.has(key)) continue;
      const { work } = this.start(key, asked, 'queued');
      works.push(
        work.catch((error: unknown) => {
          if (!(error instanceof AppError || error instanceof Superseded)) {
            this.options.log?.(`[kept] computing ${asked.question} again failed: ${String(error)}`);
          }
        }),
      );
    }
    await Promise.all(works);
  }

  private keep(key: string, answer: KeptAnswer): void {
    this.entries.set(key, { state: 'done', answer });
    this.bytes += answer.body.length;
    for (const [oldest, old] of this.entries) {
      if (this.bytes <= this.maxBytes) break;
      if (old.state !== 'done') continue;
      this.entries.delete(oldest);
      this.bytes -= old.answer.body.length;
    }
  }
}

const keyAt = (version: string, caller: Caller, question: string) => `${version}\u0000${caller.allowed.join(',')}\u0000${question}`;

function stillComputing(question: string, waitMs: number): AppError {
  const what = (JSON.parse(question) as { kind: string }).kind;
  return new AppError(
    503,
    'computing',
    'Still computing',
    `The ${what} of this slice did not finish within ${Math.round(waitMs / 1000)} s; it goes on in the background. Ask again in about ${RETRY_AFTER_S} s (Retry-After).`,
    undefined,
    RETRY_AFTER_S,
  );
}

/** An answer as it is kept: its JSON body (Express adds the ETag when it is sent, as res.json does). */
export function keptAnswer(value: unknown): KeptAnswer {
  return { body: Buffer.from(JSON.stringify(value)), etag: undefined };
}
