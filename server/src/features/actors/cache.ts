import type { Response } from 'express';
import type { GraphVersionReader } from '../../db/graphVersion.js';
import type { Caller } from '../../http/caller.js';

/** An answer as sent: the JSON body and its ETag, made once. */
export interface KeptAnswer {
  body: Buffer;
  etag: string | undefined;
}

export interface AnswerCacheOptions {
  /** The most bytes of bodies kept; least recently used go first. */
  maxBytes?: number;
}

/**
 * A body is about 2.5 kB on the 10k benchmark graph (median 1.6 kB, largest 156 kB): 32 MB
 * hold every actor of a 10k graph at one clearance.
 */
const DEFAULT_MAX_BYTES = 32 * 1024 * 1024;

/**
 * Serialized answers of a read endpoint kept per graph version (issue 13), like the planner's
 * (features/planner/cache.ts): every key holds the graph version, the caller's allowed levels and
 * every parameter of the question, so an answer made for RED never serves GREEN and nothing
 * outlives a write through any process. The version is read before the answer is computed, so a
 * kept answer is never older than the version it is kept under. Concurrent requests for one
 * missing key share one computation; answers of an older version are dropped once a newer
 * version is seen.
 */
export class AnswerCache {
  private version = '';
  private readonly kept = new Map<string, KeptAnswer>();
  private readonly running = new Map<string, Promise<KeptAnswer | null>>();
  private bytes = 0;
  private readonly maxBytes: number;

  constructor(
    private readonly versions: GraphVersionReader,
    options: AnswerCacheOptions = {},
  ) {
    this.maxBytes = options.maxBytes ?? DEFAULT_MAX_BYTES;
  }

  /** What is kept (for tests). */
  get size(): number {
    return this.kept.size;
  }

  /**
   * The answer to `question` for this caller at the current graph version: kept, or computed by
   * `compute` (null: nothing to answer, never kept).
   */
  async answer(caller: Caller, question: string, compute: () => Promise<KeptAnswer | null>): Promise<KeptAnswer | null> {
    const version = await this.versions.current();
    if (version !== this.version) this.moveTo(version);
    const key = `${version}\u0000${caller.allowed.join(',')}\u0000${question}`;
    const found = this.kept.get(key);
    if (found) {
      // Most recently used last: Map keeps insertion order.
      this.kept.delete(key);
      this.kept.set(key, found);
      return found;
    }
    const running = this.running.get(key);
    if (running) return running;
    const work = compute().finally(() => this.running.delete(key));
    this.running.set(key, work);
    const answer = await work;
    // A request that read an older version than the newest seen meanwhile keeps nothing.
    if (answer && version === this.version) this.keep(key, answer);
    return answer;
  }

  private moveTo(version: string): void {
    this.version = version;
    this.kept.clear();
    this.bytes = 0;
  }

  private keep(key: string, answer: KeptAnswer): void {
    if (answer.body.length > this.maxBytes || this.kept.has(key)) return;
    this.kept.set(key, answer);
    this.bytes += answer.body.length;
    for (const [oldest, old] of this.kept) {
      if (this.bytes <= this.maxBytes) break;
      this.kept.delete(oldest);
      this.bytes -= old.body.length;
    }
  }
}

/** As res.json would send it (same Content-Type, Content-Length, ETag and 304 on If-None-Match), without serializing or hashing again. */
export function sendKept(res: Response, { body, etag }: KeptAnswer): void {
  res.set('Content-Type', 'application/json; charset=utf-8');
  if (etag) res.set('ETag', etag);
  res.send(body);
}

/**
 * The questions asked recently (at most `max`, least recently asked go first), so an endpoint
 * can keep answers only of questions asked more than once: a first question is answered as
 * before, without the graph-version read a kept answer needs (paths, issue 13).
 */
export class RecentQuestions {
  private readonly asked = new Set<string>();

  constructor(private readonly max = 10_000) {}

  /** Whether `key` was asked before; notes it as asked now either way. */
  askedBefore(key: string): boolean {
    const before = this.asked.delete(key);
    this.asked.add(key);
    if (this.asked.size > this.max) this.asked.delete(this.asked.values().next().value as string);
    return before;
  }
}
