import { type RequestHandler, Router } from 'express';
import type { Sensitivity } from '../../config.js';
import type { Database } from '../../db/database.js';
import { LOCAL_USER_ID } from '../../http/caller.js';
import type { RateLimit } from '../../http/security.js';
import { type AuthContext, authenticate, setSessionCookie } from './authenticate.js';
import { CredentialCache } from './credentialCache.js';
import { pageGate } from './loginPage.js';
import { authRouter, usersRouter } from './router.js';
import { SessionSigner } from './session.js';
import { safeEqual } from './tokens.js';

export interface AuthOptions {
  /** Signs session cookies (ATLAS_SESSION_SECRET); at least 32 characters. */
  sessionSecret: string;
  /** How long a session lasts; 12 hours when omitted. */
  sessionTtlMs?: number;
  /**
   * The secret of the one-time sign-in link for the local admin (a loopback install without
   * accounts): GET /?token=<it> signs the browser in once, then the link is dead.
   */
  localAdminToken?: string;
  /** Sign-in attempts per address; 10 per 15 minutes when omitted. */
  loginLimit?: RateLimit;
  /** Other origins that may send cookie-authenticated writes (the CORS origins). */
  trustedOrigins?: readonly string[];
  /**
   * How long an accepted session or API token is trusted without reading Neo4j again: the delay
   * before a logout, a disabled account or a deleted token made through *another* API process
   * takes effect here (this process's own take effect at once). 1 s when omitted; 0: every request.
   */
  credentialCacheMs?: number;
}

export interface Auth {
  /** Under /api: decides the caller of every request. */
  authenticate: RequestHandler;
  /** Under /api: /auth/* and /users/*. */
  routes: Router;
  /** Before the web app: exchanges the one-time link for a session, serves /login, and sends browsers without a session there. */
  pages: RequestHandler[];
}

const TWELVE_HOURS = 12 * 60 * 60 * 1000;
const DEFAULT_LOGIN_LIMIT: RateLimit = { max: 10, windowMs: 15 * 60 * 1000 };

export function createAuth(db: Database, localClearance: Sensitivity, options: AuthOptions): Auth {
  if (options.sessionSecret.length < 32) throw new Error('the session secret must have at least 32 characters');
  const ctx: AuthContext = {
    db,
    signer: new SessionSigner(options.sessionSecret, options.sessionTtlMs ?? TWELVE_HOURS),
    localClearance,
    localAdmin: options.localAdminToken !== undefined,
    trustedOrigins: options.trustedOrigins ?? [],
    credentials: new CredentialCache(options.credentialCacheMs ?? 1_000),
  };
  const routes = Router();
  routes.use('/auth', authRouter(ctx, options.loginLimit ?? DEFAULT_LOGIN_LIMIT));
  routes.use('/users', usersRouter(ctx));
  return {
    authenticate: authenticate(ctx),
    routes,
    pages: [...(options.localAdminToken === undefined ? [] : [oneTimeLink(ctx, options.localAdminToken)]), pageGate(ctx)],
  };
}

/** Like Jupyter's token link: the first visit with the right token gets a session, later ones nothing. */
function oneTimeLink(ctx: AuthContext, secret: string): RequestHandler {
  let used = false;
  return (req, res, next) => {
    const given = req.query.token;
    if (req.method !== 'GET' || req.path.startsWith('/api/') || typeof given !== 'string') return next();
    if (!used && safeEqual(given, secret)) {
      used = true;
      setSessionCookie(req, res, ctx.signer, LOCAL_USER_ID);
      // To the root with the rest of the query (the client keeps its view there), never to the
      // requested path, which could send the browser off-site ('//host').
      const rest = new URL(req.originalUrl, 'http://localhost').searchParams;
      rest.delete('token');
      res.redirect(303, rest.size > 0 ? `/?${rest}` : '/');
      return;
    }
    res
      .status(401)
      .type('text/plain')
      .send('This sign-in link has already been used or is not valid. Restart the server for a new link, or sign in with an account.');
  };
}
