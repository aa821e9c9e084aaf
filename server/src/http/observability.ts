import { randomUUID } from 'node:crypto';
import http, { type IncomingMessage } from 'node:http';
import type { Request, RequestHandler } from 'express';
import pino, { type DestinationStream, type Logger } from 'pino';
import { Counter, Gauge, Histogram, Registry } from 'prom-client';
import type { LogLevel } from '../config.js';
import type { Database, PoolUse } from '../db/database.js';
import { AppError } from '../errors.js';
import { requireRole } from './caller.js';

/** An incoming X-Request-Id is kept only when it is a short token that cannot forge log lines. */
const SAFE_REQUEST_ID = /^[A-Za-z0-9._:-]{1,64}$/;
const ROUTE_PATTERN = Symbol('routePattern');
const METHODS = new Set(['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS']);

type Tracked = IncomingMessage & { [ROUTE_PATTERN]?: string; [ROUTE_VALUE]?: unknown };

/** The request id requestLogging gave this request (also in the X-Request-Id response header). */
export const requestIdOf = (req: IncomingMessage): string | undefined => req.id;

const ROUTE_VALUE = Symbol('route');
let routeTracked = false;

/**
 * The Express route pattern that answered (/api/entities/:label/:id), never the raw URL, so
 * logs and metric labels hold no ids or personal data and stay few. Express sets req.route when
 * it dispatches to a route; the setter below notes the mount path (req.baseUrl) at that moment.
 * It is an accessor on the request prototype, defined once, so a request costs no closure and no
 * property definition of its own (issue 13).
 */
function trackRoutePatterns(): void {
  if (routeTracked) return;
  routeTracked = true;
  Object.defineProperty(http.IncomingMessage.prototype, 'route', {
    configurable: true,
    enumerable: true,
    get(this: Tracked) {
      return this[ROUTE_VALUE];
    },
    set(this: Tracked & Request, value: { path?: unknown } | undefined) {
      this[ROUTE_VALUE] = value;
      const path = value?.path;
      this[ROUTE_PATTERN] = typeof path === 'string' ? `${this.baseUrl}${path}`.replace(/(.)\/$/, '$1') : 'client-app';
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

declare module 'http' {
  interface IncomingMessage {
    /** The request id (X-Request-Id), set by requestLogging. */
    id?: string;
    /** A logger whose lines carry this request's id, made on first use. */
    log?: Logger;
  }
  interface ServerResponse {
    /** The error a failed request answered with, for its log line (problemHandler sets it). */
    err?: Error;
  }
}

type LoggedRequest = IncomingMessage & { [BASE_LOGGER]?: Logger; [CHILD_LOGGER]?: Logger };
const BASE_LOGGER = Symbol('baseLogger');
const CHILD_LOGGER = Symbol('childLogger');
let requestLogDefined = false;

/**
 * req.log as a getter on the request prototype, so a request that never logs anything of its own
 * (nearly all) costs no child logger (issue 13: pino-http made two per request).
 */
function defineRequestLog(): void {
  if (requestLogDefined) return;
  requestLogDefined = true;
  Object.defineProperty(http.IncomingMessage.prototype, 'log', {
    configurable: true,
    get(this: LoggedRequest) {
      const base = this[BASE_LOGGER];
      if (!base) return undefined;
      this[CHILD_LOGGER] ??= base.child({ requestId: this.id });
      return this[CHILD_LOGGER];
    },
    set(this: LoggedRequest, logger: Logger) {
      this[CHILD_LOGGER] = logger;
    },
  });
}

/**
 * One JSON line per request on stdout: method, route pattern, path (never the query string),
 * status, duration and request id; a failed request's line (5xx, or an error set on res.err)
 * carries the error, with the message 'request failed'. Bodies, cookies, headers and query values
 * are never logged. The line is the one pino-http wrote before, written here with one listener
 * and no child logger per request (pino-http's two child loggers were most of its cost).
 */
export function requestLogging({ level = 'silent', destination }: LogOptions = {}): RequestHandler {
  const options = { level, serializers: { err: pino.stdSerializers.err } };
  const logger = destination ? pino(options, destination) : pino(options);
  const logs = logger.isLevelEnabled('info');
  defineRequestLog();
  trackRoutePatterns();
  return (req, res, next) => {
    const incoming = req.headers['x-request-id'];
    const requestId = typeof incoming === 'string' && SAFE_REQUEST_ID.test(incoming) ? incoming : randomUUID();
    res.setHeader('X-Request-Id', requestId);
    req.id = requestId;
    (req as LoggedRequest)[BASE_LOGGER] = logger;
    if (logs) {
      const started = Date.now();
      let logged = false;
      const done = () => {
        if (logged) return;
        logged = true;
        const line = {
          requestId,
          method: req.method,
          route: routePatternOf(req),
          path: pathWithoutQuery(req),
          status: res.statusCode,
          durationMs: Date.now() - started,
        };
        if (res.err || res.statusCode >= 500) {
          logger.info({ ...line, err: res.err ?? new Error(`failed with status code ${res.statusCode}`) }, 'request failed');
        } else {
          logger.info(line, 'request completed');
        }
      };
      res.once('finish', done);
      res.once('close', done);
    }
    next();
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
