import type { IncrementResponse, Options, Store } from 'express-rate-limit';
import type { Database } from '../db/database.js';
import { defineQueries } from '../db/queries.js';
import { int } from '../db/values.js';

const q = defineQueries('ratelimit', ['increment', 'decrement', 'reset', 'sweep']);

const SWEEP_EVERY_MS = 10 * 60 * 1000;

/** A key's window as this process last read it, plus the hits it took since. */
interface Window {
  hits: number;
  resetAt: number;
  pending: number;
  readAt: number;
  /** The write going out in the background, if one is. */
  syncing?: Promise<void>;
}

/**
 * express-rate-limit counters in Neo4j instead of process memory: the budgets hold across
 * restarts and across several API processes behind one load balancer. `prefix` keeps limiters
 * (sign-in, heavy queries) apart.
 *
 * With `syncEveryMs` > 0 a key is written at most twice per `syncEveryMs` per process (issue 13: a write
 * transaction per heavy request was a large part of its cost): in between, hits are counted on
 * the count last read and sent with the next write. Several processes together may then let
 * through what the others took in the last `syncEveryMs` beyond the budget, and a process's last
 * hits before its client stops are not written. 0 (the sign-in limiter): every hit is written.
 *
 * So that a steady client never waits for that write (issue 13: one heavy request a second paid a
 * write transaction, which set the p95 of signed-in path searches), a hit past half the interval
 * sends the write in the background and is decided on the local count; only a hit past the whole
 * interval (or in a new window) waits for it, as before. Others' hits are thus never counted on a
 * read older than `syncEveryMs`, and every hit of this process counts at once.
 */
export class Neo4jRateLimitStore implements Store {
  private windowMs = 60_000;
  private lastSweep = 0;
  private readonly windows = new Map<string, Window>();
  readonly localKeys = false;

  constructor(
    private readonly db: Database,
    readonly prefix: string,
    private readonly syncEveryMs = 0,
  ) {}

  init(options: Options): void {
    this.windowMs = options.windowMs;
  }

  async increment(key: string): Promise<IncrementResponse> {
    let known = this.windows.get(key);
    // A write in flight lands first, so no hit is sent twice and its count is used.
    if (known?.syncing && !this.fresh(known, Date.now())) {
      await known.syncing;
      known = this.windows.get(key);
    }
    const now = Date.now();
    if (known && this.fresh(known, now)) {
      known.hits++;
      known.pending++;
      if (now - known.readAt >= this.syncEveryMs / 2 && !known.syncing) known.syncing = this.sync(key, known);
      return { totalHits: known.hits, resetTime: new Date(known.resetAt) };
    }
    this.sweepNow();
    // Hits taken in a window that has ended since count for nothing.
    const hits = 1 + (known && now < known.resetAt ? known.pending : 0);
    const row = (await this.db.write(q.increment, { key: this.prefix + key, windowMs: int(this.windowMs), hits: int(hits) })).records[0];
    const window = {
      hits: Number(row?.get('hits') ?? hits),
      resetAt: Number(row?.get('resetAt') ?? now + this.windowMs),
      pending: 0,
      readAt: Date.now(),
    };
    if (this.syncEveryMs > 0) this.remember(key, window);
    return { totalHits: window.hits, resetTime: new Date(window.resetAt) };
  }

  /** Whether hits on this window may still be decided on the count last read. */
  private fresh(window: Window, now: number): boolean {
    return now - window.readAt < this.syncEveryMs && now < window.resetAt;
  }

  /** Sends the hits counted since the last write and reads the total back (in the background; a failure is tried by a later hit). */
  private async sync(key: string, window: Window): Promise<void> {
    const sent = window.pending;
    const began = Date.now();
    try {
      const row = (await this.db.write(q.increment, { key: this.prefix + key, windowMs: int(this.windowMs), hits: int(sent) })).records[0];
      const since = window.pending - sent; // hits counted while the write ran
      window.pending = since;
      window.hits = Number(row?.get('hits') ?? window.hits - since) + since;
      window.resetAt = Number(row?.get('resetAt') ?? window.resetAt);
      window.readAt = began;
    } catch (error) {
      console.error('[rate-limit] could not write the counted hits (tried again with the next):', error);
    } finally {
      window.syncing = undefined;
    }
  }

  async decrement(key: string): Promise<void> {
    const known = this.windows.get(key);
    if (known && known.pending > 0) {
      known.pending--;
      known.hits--;
      return;
    }
    await this.db.write(q.decrement, { key: this.prefix + key });
  }

  async resetKey(key: string): Promise<void> {
    this.windows.delete(key);
    await this.db.write(q.reset, { key: this.prefix + key });
  }

  /** One window per client address; past 10,000 the oldest is forgotten (its pending hits with it). */
  private remember(key: string, window: Window): void {
    this.windows.delete(key);
    if (this.windows.size >= 10_000) this.windows.delete(this.windows.keys().next().value as string);
    this.windows.set(key, window);
  }

  private sweepNow(): void {
    if (Date.now() - this.lastSweep < SWEEP_EVERY_MS) return;
    this.lastSweep = Date.now();
    this.db.write(q.sweep).catch((error: unknown) => console.error('[rate-limit] could not drop old counters:', error));
  }
}
