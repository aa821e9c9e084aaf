import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Request, RequestHandler } from 'express';
import pino, { type DestinationStream } from 'pino';
import { pinoHttp } from 'pino-http';
import { Counter, Gauge, Histogram, Registry } from 'prom-client';
import type { LogLevel } from '../config.js';
import type { Database, PoolUse } from '../db/database.js';
import { AppError } from '../errors.js';
import { requireRole } from './caller.js';

/** An incoming X-Request-Id is kept only when it is a short token that cannot forge log lines. */
const SAFE_REQUEST_ID = /^[A-Za-z0-9._:-]{1,64}$/;
const ROUTE_PATTERN = Symbol('routePattern');
const METHODS = new Set(['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS']);

type Tracked = IncomingMessage & { [ROUTE_PATTERN]?: string; id?: unknown };

/** The request id pino-http gave this request (also in the X-Request-Id response header). */
export const requestIdOf = (req: IncomingMessage): string | undefined => {
  const id = (req as Tracked).id;
  return typeof id === 'string' ? id : undefined;
};

/**
 * The Express route pattern that answered (/api/entities/:label/:id), never the raw URL, so
 * logs and metric labels hold no ids or personal data and stay few. Express sets req.route when
 * it dispatches to a route; the setter below notes the mount path (req.baseUrl) at that moment.
 */
function trackRoutePattern(req: Request): void {
  let route: unknown;
  Object.defineProperty(req, 'route', {
    configurable: true,
    enumerable: true,
    get: () => route,
    set(value: { path?: unknown } | undefined) {
      route = value;
      const path = value?.path;
      (req as Tracked)[ROUTE_PATTERN] = typeof path === 'string' ? `${req.baseUrl}${path}`.replace(/(.)\/$/, '$1') : 'client-app';
    },
  });
}

export const routePatternOf = (req: IncomingMessage): string => (req as Tracked)[ROUTE_PATTERN] ?? 'unmatched';

const pathWithoutQuery = (req: IncomingMessage): string => {
  const url = (req as Partial<Request>).originalUrl ?? req.url ?? '';
  const end = url.indexOf('?');
  return end === -1 ? url : url.slice(0, end);
};

export interface LogOptions {
  /** ATLAS_LOG_LEVEL; 'silent' when omitted (tests, embedding). */
  level?: LogLevel;
  /** Where the JSON lines go; stdout when omitted. */
  destination?: DestinationStream;
}

/**
 * One JSON line per request on stdout: method, route pattern, path (never the query string),
 * status, duration and request id. Bodies, cookies, headers and query values are never logged.
 */
export function requestLogging({ level = 'silent', destination }: LogOptions = {}): RequestHandler {
  const logger = destination ? pino({ level }, destination) : pino({ level });
  const http = pinoHttp<IncomingMessage, ServerResponse>({
    logger,
    wrapSerializers: false,
    customAttributeKeys: { reqId: 'requestId', responseTime: 'durationMs' },
    quietReqLogger: true,
    quietResLogger: true,
    genReqId(req, res) {
      const incoming = req.headers['x-request-id'];
      const id = typeof incoming === 'string' && SAFE_REQUEST_ID.test(incoming) ? incoming : randomUUID();
      res.setHeader('X-Request-Id', id);
      return id;
    },
    serializers: {
      req: (req: IncomingMessage) => ({ method: req.method, path: pathWithoutQuery(req) }),
      res: (res: ServerResponse) => ({ status: res.statusCode }),
      // The stack and message only: driver errors may carry parameters, but never request data here.
      err: pino.stdSerializers.err,
    },
    customSuccessObject: (req, res, value) => ({
      method: req.method,
      route: routePatternOf(req),
      path: pathWithoutQuery(req),
      status: res.statusCode,
      durationMs: value.durationMs,
    }),
    customErrorObject: (req, res, error, value) => ({
      method: req.method,
      route: routePatternOf(req),
      path: pathWithoutQuery(req),
      status: res.statusCode,
      durationMs: value.durationMs,
      err: error,
    }),
    customSuccessMessage: () => 'request completed',
    customErrorMessage: () => 'request failed',
  });
  return (req, res, next) => {
    trackRoutePattern(req);
    http(req, res, next);
  };
}

export interface Metrics {
  registry: Registry;
  /** Counts and times every request by method, route pattern and status class. */
  record: RequestHandler;
  /** GET /metrics in the Prometheus text format. */
  handler: RequestHandler;
}

export function createMetrics(db: Database): Metrics {
  const registry = new Registry();
  const labelNames = ['method', 'route', 'status_class'] as const;
  const requests = new Counter({ name: 'atlas_http_requests_total', help: 'HTTP requests answered', labelNames, registers: [registry] });
  const duration = new Histogram({
    name: 'atlas_http_request_duration_seconds',
    help: 'HTTP request duration until the response is sent',
    labelNames,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
    registers: [registry],
  });
  // neo4j-driver keeps its connection pool private, so the database counts its own open transactions.
  new Gauge({
    name: 'atlas_neo4j_transactions_in_flight',
    help: 'Neo4j sessions (one transaction or auto-commit statement each) open right now',
    registers: [registry],
    collect() {
      this.set(db.inFlight ?? 0);
    },
  });
  poolGauges(db, registry);
  const record: RequestHandler = (req, res, next) => {
    const end = duration.startTimer();
    res.once('finish', () => {
      const labels = {
        method: METHODS.has(req.method) ? req.method : 'OTHER',
        route: routePatternOf(req),
        status_class: `${Math.floor(res.statusCode / 100)}xx`,
      };
      requests.inc(labels);
      end(labels);
    });
    next();
  };
  const handler: RequestHandler = async (_req, res) => {
    res.type(registry.contentType).send(await registry.metrics());
  };
  return { registry, record, handler };
}

/** The Neo4j connection pool, as Database.poolUse tells it (what each figure means is said there). */
function poolGauges(db: Database, registry: Registry): void {
  const gauges: Array<[keyof PoolUse, string, string]> = [
    ['inUse', 'atlas_neo4j_pool_connections_in_use', 'Neo4j connections running a transaction of this process now'],
    ['idle', 'atlas_neo4j_pool_connections_idle', 'Neo4j connections open and idle (upper bound: peak in use minus in use)'],
    ['waiting', 'atlas_neo4j_pool_acquisitions_waiting', 'transactions waiting for a connection because the pool is full'],
    ['max', 'atlas_neo4j_pool_max_size', 'configured maximum size of the connection pool'],
  ];
  for (const [key, name, help] of gauges) {
    new Gauge({
      name,
      help,
      registers: [registry],
      collect() {
        // A stand-in database (tests without Neo4j) has no pool.
        const use = typeof db.poolUse === 'function' ? db.poolUse() : undefined;
        this.set(use?.[key] ?? 0);
      },
    });
  }
}

const LOOPBACK_ADDRESSES = new Set(['127.0.0.1', '::1', '::ffff:127.0.0.1']);

/**
 * Who may read /metrics: a caller on this machine (loopback, with no proxy forwarding headers,
 * so a reverse proxy on the same host does not open it to everyone), or a signed-in admin
 * (session or Bearer token). Without accounts (createApp without auth) only loopback.
 */
export function metricsAccess(authenticate: RequestHandler | undefined): RequestHandler {
  const admin = requireRole('admin');
  return (req, res, next) => {
    const forwarded = req.get('x-forwarded-for') !== undefined || req.get('forwarded') !== undefined;
    if (!forwarded && LOOPBACK_ADDRESSES.has(req.ip ?? '')) return next();
    if (!authenticate) {
      return next(new AppError(403, 'forbidden', 'Not allowed', 'Metrics are served to this machine (loopback) or to admins only.'));
    }
    return authenticate(req, res, (error?: unknown) => (error ? next(error) : admin(req, res, next)));
  };
}
