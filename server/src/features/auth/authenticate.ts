import type { Request, RequestHandler, Response } from 'express';
import type { Sensitivity } from '../../config.js';
import type { Database } from '../../db/database.js';
import { AppError } from '../../errors.js';
import { type Identity, LOCAL_USER_ID, setCaller } from '../../http/caller.js';
import type { CredentialCache } from './credentialCache.js';
import { findByApiToken, findUserById, type StoredUser, touchApiToken } from './repository.js';
import type { SessionPayload, SessionSigner } from './session.js';
import { SESSION_COOKIE, sessionKey, sessionRevoked, signedSessionOf } from './sessions.js';
import { API_TOKEN_PREFIX, hashApiToken, safeEqual } from './tokens.js';

export { SESSION_COOKIE };

export interface AuthContext {
  db: Database;
  signer: SessionSigner;
  /** Clearance of the local admin (loopback install without accounts). */
  localClearance: Sensitivity;
  /** Whether a session for the local admin is honoured: only while the one-time link is on. */
  localAdmin: boolean;
  /** Other origins allowed to send cookie-authenticated writes (ATLAS_CORS_ORIGINS). */
  trustedOrigins: readonly string[];
  /** Accepted sessions and tokens, kept briefly; whatever ends or changes one must forget it here. */
  credentials: CredentialCache;
}

const TOUCH_EVERY_MS = 60_000;

export const CSRF_HEADER = 'x-csrf-token';

const ANONYMOUS_READS = new Set(['/health', '/health/live', '/health/ready', '/openapi.json', '/docs']);

const unauthenticated = (detail: string) => new AppError(401, 'unauthenticated', 'Sign-in required', detail);

const identityOf = (user: StoredUser): Identity => ({ userId: user.id, role: user.role, clearance: user.clearance });

/**
 * Who is calling: a Bearer API token, or the signed session cookie. Health and login need
 * neither. Cookie-authenticated writes must come from this origin (a second guard beside
 * SameSite=Strict against cross-site requests).
 */
export function authenticate(ctx: AuthContext): RequestHandler {
  return async (req, res, next) => {
    if (req.path === '/auth/login' || req.path === '/auth/logout') return next();
    // Liveness probes read health without credentials (and then learn no versions); the API reference is public.
    const anonymousAllowed = ANONYMOUS_READS.has(req.path) && SAFE_METHODS.has(req.method);
    const authorization = req.get('authorization');
    if (authorization !== undefined) {
      setCaller(req, res, await identityFromToken(ctx, authorization));
      return next();
    }
    // Health must answer while Neo4j (which keeps revoked sessions) is down: it then answers as to
    // an anonymous caller, which only withholds versions.
    const session = signedSessionOf(req, ctx.signer);
    const identity = !session
      ? undefined
      : anonymousAllowed
        ? await identityFromSession(ctx, session).catch((error: unknown) => {
            // A refused session stays refused; a database that cannot be read (the driver's error,
            // or the 503 of a local Neo4j known to be down) leaves the caller anonymous.
            if (error instanceof AppError && error.status < 500) throw error;
            return undefined;
          })
        : await identityFromSession(ctx, session);
    if (!identity && anonymousAllowed) return next();
    if (!session || !identity) {
      throw unauthenticated('Sign in (POST /api/auth/login) or send an API token as Authorization: Bearer <token>.');
    }
    refuseCrossSite(req, ctx.trustedOrigins, () => hasCsrfToken(req, ctx.signer, session));
    setCaller(req, res, identity);
    res.locals.session = session;
    next();
  };
}

async function identityFromToken(ctx: AuthContext, authorization: string): Promise<Identity> {
  const match = /^Bearer\s+(\S+)$/i.exec(authorization.trim());
  const token = match?.[1];
  const identity = token?.startsWith(API_TOKEN_PREFIX)
    ? await ctx.credentials.get(`token:${hashApiToken(token)}`, async () => {
        const found = await findByApiToken(ctx.db, token);
        if (!found || found.user.disabled) return undefined;
        if (!found.lastUsedAt || Date.now() - Date.parse(found.lastUsedAt) > TOUCH_EVERY_MS) {
          touchApiToken(ctx.db, found.tokenId).catch((error: unknown) => console.error('[auth] could not record token use:', error));
        }
        return { identity: identityOf(found.user), tokenId: found.tokenId };
      })
    : undefined;
  if (!identity) throw unauthenticated('The API token is not valid; create a new one with POST /api/auth/tokens.');
  return identity;
}

/** The caller of a session not ended by logout (undefined if it was), its account read again at most every few seconds. */
async function identityFromSession(ctx: AuthContext, session: SessionPayload): Promise<Identity | undefined> {
  return ctx.credentials.get(sessionKey(session), async () => {
    if (await sessionRevoked(ctx.db, session)) return undefined;
    if (session.uid === LOCAL_USER_ID) {
      if (ctx.localAdmin) return { identity: { userId: LOCAL_USER_ID, role: 'admin', clearance: ctx.localClearance } };
      throw unauthenticated('Sign in (POST /api/auth/login).');
    }
    const user = await findUserById(ctx.db, session.uid);
    if (!user || user.disabled) throw unauthenticated('The account of this session no longer exists or is disabled; sign in again.');
    return { identity: identityOf(user) };
  });
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

const crossSite = (detail: string) => new AppError(403, 'cross-site-request', 'Cross-site request refused', detail);

const hasCsrfToken = (req: Request, signer: SessionSigner, session: SessionPayload): boolean => {
  const sent = req.get(CSRF_HEADER);
  return sent !== undefined && safeEqual(sent, signer.csrfToken(session));
};

/**
 * A state-changing request riding on the session cookie (or a sign-in form) must show it comes
 * from the app itself: an Origin of this site (or a trusted one), or else the session's CSRF
 * token. SameSite=Strict is a second guard, but a text/plain or form POST without an Origin
 * header would otherwise pass; a cross-site form sign-in would plant the attacker's session.
 */
export function refuseCrossSite(req: Request, trustedOrigins: readonly string[], hasToken: () => boolean): void {
  if (SAFE_METHODS.has(req.method)) return;
  const origin = req.get('origin');
  if (origin !== undefined && trustedOrigins.includes(origin)) return;
  const site = req.get('sec-fetch-site');
  const sameOrigin = origin !== undefined && origin === `${req.protocol}://${req.get('host')}`;
  if ((site !== undefined && site !== 'same-origin' && site !== 'none') || (origin !== undefined && !sameOrigin)) {
    throw crossSite('Changes with a session cookie must come from the app itself.');
  }
  // Sec-Fetch-Site is set by the browser itself (a page cannot forge it), like Origin.
  if (!sameOrigin && site !== 'same-origin' && !hasToken()) {
    throw crossSite(`Send an Origin header of this site, or the session's CSRF token as ${CSRF_HEADER} (from GET /api/auth/me).`);
  }
}

/** Sets the session cookie: HttpOnly, SameSite=Strict, Secure when the request came over https. */
export function setSessionCookie(req: Request, res: Response, signer: SessionSigner, uid: string): void {
  const { value } = signer.issue(uid);
  res.cookie(SESSION_COOKIE, value, {
    httpOnly: true,
    sameSite: 'strict',
    secure: req.secure,
    path: '/',
    maxAge: signer.ttlMs,
  });
}

export function clearSessionCookie(req: Request, res: Response): void {
  res.clearCookie(SESSION_COOKIE, { httpOnly: true, sameSite: 'strict', secure: req.secure, path: '/' });
}
