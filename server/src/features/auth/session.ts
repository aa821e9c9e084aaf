import { hmac, randomSecret, safeEqual } from './tokens.js';

/**
 * A session is a signed cookie, `<payload>.<HMAC-SHA256>`, holding only the user id, a
 * session id and the expiry: no server-side session store to run or clean up. The user is
 * re-read on each request (so role and clearance changes apply at once); logout puts the
 * session id on a deny list in Neo4j until it would have expired anyway (see sessions.ts).
 */
export interface SessionPayload {
  /** User id. */
  uid: string;
  /** Session id, so one session can be ended without touching the others. */
  sid: string;
  /** Expiry, ms since the epoch. */
  exp: number;
}

/** Cookies whose signature was checked (issue 13: an HMAC per request); the expiry is still checked every time. */
const VERIFIED_KEPT = 10_000;

export class SessionSigner {
  private readonly verified = new Map<string, SessionPayload>();

  constructor(
    private readonly secret: string,
    readonly ttlMs: number,
  ) {}

  issue(uid: string, now = Date.now()): { value: string; payload: SessionPayload } {
    const payload: SessionPayload = { uid, sid: randomSecret(16), exp: now + this.ttlMs };
    const body = Buffer.from(JSON.stringify(payload)).toString('base64url');
    return { value: `${body}.${hmac(this.secret, body)}`, payload };
  }

  /** The payload of a genuine, unexpired cookie (logout is checked apart); otherwise undefined. */
  read(value: string | undefined, now = Date.now()): SessionPayload | undefined {
    if (!value) return undefined;
    const known = this.verified.get(value);
    if (known) return known.exp > now ? known : undefined;
    const payload = this.verify(value, now);
    if (payload) {
      // Oldest first (insertion order): a full map drops its oldest cookie.
      if (this.verified.size >= VERIFIED_KEPT) this.verified.delete(this.verified.keys().next().value as string);
      this.verified.set(value, Object.freeze(payload));
    }
    return payload;
  }

  private verify(value: string, now: number): SessionPayload | undefined {
    const dot = value.indexOf('.');
    if (dot <= 0) return undefined;
    const body = value.slice(0, dot);
    if (!safeEqual(value.slice(dot + 1), hmac(this.secret, body))) return undefined;
    let payload: SessionPayload;
    try {
      payload = JSON.parse(Buffer.from(body, 'base64url').toString('utf8')) as SessionPayload;
    } catch {
      return undefined;
    }
    if (typeof payload.uid !== 'string' || typeof payload.sid !== 'string' || typeof payload.exp !== 'number') return undefined;
    if (payload.exp <= now) return undefined;
    return payload;
  }

  /**
   * The CSRF token of a session (sent back as X-CSRF-Token by a client that cannot send an Origin
   * header): bound to the session, so it cannot be made without the cookie's secret.
   */
  csrfToken(payload: SessionPayload): string {
    return hmac(this.secret, `csrf.${payload.sid}`);
  }
}
