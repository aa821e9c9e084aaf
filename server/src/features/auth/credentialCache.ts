import type { Identity } from '../../http/caller.js';

interface Entry {
  identity: Identity;
  /** The API token's id, so deleting the token can forget it. */
  tokenId?: string;
  /** Past this it is read again in the background, while still answering from the entry. */
  refreshAt: number;
  /** Past this it is not trusted: a request waits for a fresh read. */
  until: number;
}

type Loaded = { identity: Identity; tokenId?: string } | undefined;

/**
 * Who a live session or an API token acts for, as last read from Neo4j, kept `ttlMs` so that a
 * burst of requests costs one round trip for the credential instead of one or two per request
 * (issue 13). Only accepted credentials are kept; a refused one is read again every time.
 *
 * How fast a change takes effect: in this API process at once (logout, a changed or disabled
 * account and a deleted token call forget*); in another API process sharing the database within
 * `ttlMs` (default 1 s; 0 turns the cache off): an entry is never trusted longer than `ttlMs`
 * after the read that made it began.
 *
 * So that a steady caller never waits for Neo4j, an entry past half its life is read again in
 * the background while the entry still answers; requests that find no entry at the same moment
 * share one read (issue 13: every 1 s, the requests in flight each paid two reads).
 */
export class CredentialCache {
  private readonly entries = new Map<string, Entry>();
  private readonly loading = new Map<string, Promise<Loaded>>();
  /** Moves on every forget*, so a read that began before it cannot put back what it forgot. */
  private generation = 0;

  constructor(
    readonly ttlMs: number,
    private readonly maxEntries = 10_000,
  ) {}

  /** The cached identity for `key`, or what `load` reads (kept when it accepts the credential). */
  async get(key: string, load: () => Promise<Loaded>): Promise<Identity | undefined> {
    if (this.ttlMs <= 0) return (await load())?.identity;
    const now = Date.now();
    const hit = this.entries.get(key);
    if (hit && hit.until > now) {
      // A failed read in the background leaves the entry to its own end, as without the early read
      // (a database noticed down must not turn a live session into a 503 before then).
      if (hit.refreshAt <= now) this.read(key, load).catch(() => {});
      return hit.identity;
    }
    this.entries.delete(key);
    return (await this.read(key, load))?.identity;
  }

  /** One read of `key` at a time; its answer replaces the entry, or removes it when it refuses the credential. */
  private read(key: string, load: () => Promise<Loaded>): Promise<Loaded> {
    const pending = this.loading.get(key);
    if (pending) return pending;
    const began = Date.now();
    const generation = this.generation;
    const reading = load().then((loaded) => {
      if (generation === this.generation) this.keep(key, loaded, began);
      return loaded;
    });
    const done = () => {
      if (this.loading.get(key) === reading) this.loading.delete(key);
    };
    reading.then(done, done);
    this.loading.set(key, reading);
    return reading;
  }

  private keep(key: string, loaded: Loaded, began: number): void {
    this.entries.delete(key);
    if (!loaded || this.ttlMs <= 0) return;
    // Oldest first (insertion order): a full cache drops its oldest entry.
    if (this.entries.size >= this.maxEntries) this.entries.delete(this.entries.keys().next().value as string);
    this.entries.set(key, { ...loaded, refreshAt: began + this.ttlMs / 2, until: began + this.ttlMs });
  }

  private forgotten(): void {
    this.generation += 1;
    this.loading.clear();
  }

  forget(key: string): void {
    this.forgotten();
    this.entries.delete(key);
  }

  forgetUser(userId: string): void {
    this.forgotten();
    for (const [key, entry] of this.entries) if (entry.identity.userId === userId) this.entries.delete(key);
  }

  forgetToken(tokenId: string): void {
    this.forgotten();
    for (const [key, entry] of this.entries) if (entry.tokenId === tokenId) this.entries.delete(key);
  }
}
