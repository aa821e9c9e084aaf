import type { IncrementResponse, Options, Store } from 'express-rate-limit';
import type { Database } from '../db/database.js';
import { defineQueries } from '../db/queries.js';
import { int } from '../db/values.js';

const q = defineQueries('ratelimit', ['increment', 'decrement', 'reset', 'sweep']);

const SWEEP_EVERY_MS = 10 * 60 * 1000;

/**
 * express-rate-limit counters in Neo4j instead of process memory: the budgets hold across
 * restarts and across several API processes behind one load balancer. `prefix` keeps limiters
 * (sign-in, heavy queries) apart.
 */
export class Neo4jRateLimitStore implements Store {
  private windowMs = 60_000;
  private lastSweep = 0;
  readonly localKeys = false;

  constructor(
    private readonly db: Database,
    readonly prefix: string,
  ) {}

  init(options: Options): void {
    this.windowMs = options.windowMs;
  }

  async increment(key: string): Promise<IncrementResponse> {
    this.sweepNow();
    const row = (await this.db.write(q.increment, { key: this.prefix + key, windowMs: int(this.windowMs) })).records[0];
    return { totalHits: Number(row?.get('hits') ?? 1), resetTime: new Date(Number(row?.get('resetAt') ?? Date.now() + this.windowMs)) };
  }

  async decrement(key: string): Promise<void> {
    await this.db.write(q.decrement, { key: this.prefix + key });
  }

  async resetKey(key: string): Promise<void> {
    await this.db.write(q.reset, { key: this.prefix + key });
  }

  private sweepNow(): void {
    if (Date.now() - this.lastSweep < SWEEP_EVERY_MS) return;
    this.lastSweep = Date.now();
    this.db.write(q.sweep).catch((error: unknown) => console.error('[rate-limit] could not drop old counters:', error));
  }
}
