import type { Request, RequestHandler, Response } from 'express';
import { rateLimit, type Store } from 'express-rate-limit';
import helmet from 'helmet';
import { AppError } from '../errors.js';

export interface RateLimit {
  /** Requests allowed per client address in one window. */
  max: number;
  windowMs: number;
}

/**
 * Security headers. The CSP allows only this origin's scripts and connections: the built Vite
 * app is one module script plus one stylesheet; Cytoscape draws on canvas and sets element
 * styles through the CSSOM, which CSP does not restrict, and React's `style` props likewise;
 * 'unsafe-inline' styles stay allowed (helmet's default) for libraries that inject <style>.
 * upgrade-insecure-requests is left out so a plain-http install on a LAN still loads.
 */
export const securityHeaders = (): RequestHandler => precomputed(helmetHeaders());

const helmetHeaders = (): RequestHandler =>
  helmet({
    contentSecurityPolicy: {
      useDefaults: true,
      directives: {
        'img-src': ["'self'", 'data:', 'blob:'],
        'connect-src': ["'self'"],
        'worker-src': ["'self'", 'blob:'],
        'upgrade-insecure-requests': null,
      },
    },
    // The app is served over plain http on loopback; HSTS only makes sense behind TLS, which a
    // reverse proxy in front of a shared install sets itself.
    strictTransportSecurity: false,
  });

type HeaderStep = { set: string; value: number | string | readonly string[] } | { remove: string };

/**
 * The header changes of a middleware whose headers depend on nothing in the request (helmet as
 * configured here: no CSP nonce or other function directive), recorded once and replayed on
 * every response in the same order (issue 13): the same headers, without helmet's chain of a
 * dozen middlewares per request.
 */
function precomputed(middleware: RequestHandler): RequestHandler {
  const steps: HeaderStep[] = [];
  const recorder = {
    setHeader: (name: string, value: number | string | readonly string[]) => steps.push({ set: name, value }),
    removeHeader: (name: string) => steps.push({ remove: name }),
  };
  let called = false;
  middleware({} as Request, recorder as unknown as Response, () => {
    called = true;
  });
  if (!called) throw new Error('the security headers could not be computed ahead');
  return (_req, res, next) => {
    for (const step of steps) {
      if ('set' in step) res.setHeader(step.set, step.value);
      else res.removeHeader(step.remove);
    }
    next();
  };
}

/**
 * CORS is off unless ATLAS_CORS_ORIGINS lists origins: then exactly those origins may call the
 * API from a browser, with credentials. Anything else gets no CORS headers at all.
 */
export function cors(origins: readonly string[]): RequestHandler {
  const allowed = new Set(origins);
  return (req, res, next) => {
    const origin = req.get('origin');
    if (!origin || !allowed.has(origin)) return next();
    res.vary('Origin');
    res.set('Access-Control-Allow-Origin', origin);
    res.set('Access-Control-Allow-Credentials', 'true');
    if (req.method === 'OPTIONS' && req.get('access-control-request-method')) {
      res.set('Access-Control-Allow-Methods', 'GET, POST, PUT, PATCH, DELETE');
      res.set('Access-Control-Allow-Headers', 'Content-Type, Authorization, X-Atlas-Clearance, If-Match, X-CSRF-Token');
      res.set('Access-Control-Max-Age', '600');
      res.status(204).end();
      return;
    }
    next();
  };
}

/** A per-address limit that answers with a 429 problem saying when to try again. */
export function rateLimited(limit: RateLimit, what: string, succeeded?: (res: Response) => boolean, store?: Store): RequestHandler {
  return rateLimit({
    ...(store ? { store } : {}),
    ...(succeeded ? { skipSuccessfulRequests: true, requestWasSuccessful: (_req, res) => succeeded(res) } : {}),
    windowMs: limit.windowMs,
    limit: limit.max,
    standardHeaders: 'draft-7',
    legacyHeaders: false,
    handler: (_req, res, next) => {
      const retry = res.getHeader('retry-after');
      next(
        new AppError(
          429,
          'too-many-requests',
          'Too many requests',
          `Too many ${what} from this address; try again in ${retry ?? Math.ceil(limit.windowMs / 1000)} seconds.`,
        ),
      );
    },
  });
}

/** The endpoints whose queries are expensive enough to need their own limit. */
export const HEAVY_PREFIXES = ['/paths', '/centrality', '/import', '/responders', '/gaps', '/coverage', '/completeness', '/export'];

/** One shared budget for the heavy endpoints (by path prefix under /api), per address. */
export function heavyQueryLimit(limit: RateLimit, store?: Store): RequestHandler {
  const limiter = rateLimited(limit, 'heavy queries (paths, centrality, import, export)', undefined, store);
  return (req, res, next) => {
    if (HEAVY_PREFIXES.some((p) => req.path === p || req.path.startsWith(`${p}/`))) return limiter(req, res, next);
    next();
  };
}
