import type { Identity } from '../../http/caller.js';

interface Entry {
  identity: Identity;
  /** The API token's id, so deleting the token can forget it. */
  tokenId?: string;
  until: number;
}

/**
 * Who a live session or an API token acts for, as last read from Neo4j, kept `ttlMs` so that a
 * burst of requests costs one round trip for the credential instead of one or two per request
 * (issue 13). Only accepted credentials are kept; a refused one is read again every time.
 *
 * How fast a change takes effect: in this API process at once (logout, a changed or disabled
 * account and a deleted token call forget*); in another API process sharing the database within
 * `ttlMs` (default 1 s; 0 turns the cache off).
 */
export class CredentialCache {
  private readonly entries = new Map<string, Entry>();

  constructor(
    readonly ttlMs: number,
    private readonly maxEntries = 10_000,
  ) {}

  /** The cached identity for `key`, or what `load` reads (kept when it accepts the credential). */
  async get(key: string, load: () => Promise<{ identity: Identity; tokenId?: string } | undefined>): Promise<Identity | undefined> {
    const now = Date.now();
    const hit = this.entries.get(key);
    if (hit && hit.until > now) return hit.identity;
    this.entries.delete(key);
    const loaded = await load();
    if (loaded && this.ttlMs > 0) {
      // Oldest first (insertion order): a full cache drops its oldest entry.
      if (this.entries.size >= this.maxEntries) this.entries.delete(this.entries.keys().next().value as string);
      this.entries.set(key, { ...loaded, until: now + this.ttlMs });
    }
    return loaded?.identity;
  }

  forget(key: string): void {
    this.entries.delete(key);
  }

  forgetUser(userId: string): void {
    for (const [key, entry] of this.entries) if (entry.identity.userId === userId) this.entries.delete(key);
  }

  forgetToken(tokenId: string): void {
    for (const [key, entry] of this.entries) if (entry.tokenId === tokenId) this.entries.delete(key);
  }
}
