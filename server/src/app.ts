import { existsSync } from 'node:fs';
import path from 'node:path';
import compression from 'compression';
import express, { type Express, type Response } from 'express';
import { type AnalysisBudgets, DEFAULT_ANALYSIS_BUDGETS, repoRoot, type Sensitivity } from './config.js';
import type { Database } from './db/database.js';
import { actorsRouter } from './features/actors/router.js';
import { type AuthOptions, createAuth } from './features/auth/index.js';
import type { KeptAnalyses } from './features/centrality/kept.js';
import { centralityRouter } from './features/centrality/router.js';
import { completenessRouter } from './features/completeness/router.js';
import { coverageRouter } from './features/coverage/router.js';
import { documentsRouter } from './features/documents/router.js';
import { editingRouter } from './features/entities/index.js';
import { gapsRouter } from './features/gaps/router.js';
import type { LayoutCache } from './features/graph/layout.js';
import { graphRouter } from './features/graph/router.js';
import { healthRouter } from './features/health/router.js';
import { pathsRouter } from './features/paths/router.js';
import { PlannerCache } from './features/planner/cache.js';
import { referenceRouter } from './features/reference/router.js';
import { respondersRouter } from './features/responders/router.js';
import { callerContext, requireEditorForWrites } from './http/caller.js';
import { createMetrics, type LogOptions, metricsAccess, requestLogging } from './http/observability.js';
import { apiNotFound, problemHandler } from './http/problem.js';
import { Neo4jRateLimitStore } from './http/rateLimitStore.js';
import { cors, heavyQueryLimit, type RateLimit, securityHeaders } from './http/security.js';

export interface AppOptions {
  db: Database;
  clearance: Sensitivity;
  /** The built web app to serve beside the API; omitted, only the API is served. */
  clientDir?: string;
  /**
   * Sign-in with accounts, sessions and API tokens. Omitted, the app trusts every request as
   * one local admin with `clearance` (tests, embedding); index.ts always configures it.
   */
  auth?: AuthOptions;
  /** Origins allowed to call the API from a browser (ATLAS_CORS_ORIGINS); none when omitted. */
  corsOrigins?: readonly string[];
  /** Budget per address for paths, centrality, import and the other heavy endpoints; none when omitted. */
  heavyQueryLimit?: RateLimit;
  /** Time budgets of gaps and coverage (config); the defaults when omitted. */
  analysisBudgets?: AnalysisBudgets;
  /** The JSON request log (ATLAS_LOG_LEVEL); silent when omitted. */
  log?: LogOptions;
  /** Gap counts and coverage grids kept per graph version; by default one that computes only when asked (index.ts warms its own). */
  planner?: PlannerCache;
  /** Where GET /api/graph keeps its positions; by default a cache laying out on a worker thread. */
  layouts?: LayoutCache;
  /** GET /api/graph's answers kept per graph version; by default one of this app's own (index.ts warms its own). */
  graphs?: KeptAnalyses;
  /** Centrality, communities and structure answers kept per graph version; by default one of this app's own (index.ts warms its own). */
  analyses?: KeptAnalyses;
}

export const defaultClientDir = path.join(repoRoot, 'client', 'dist');

/**
 * gzip or brotli, as the browser accepts: the app's code (700 kB → 220 kB) and the graph it first
 * draws (5,000 nodes and 10,000 edges: 2.6 MB of JSON → 0.2 MB gzipped). Other API answers are small or streamed.
 */
const compress = compression();

const REVALIDATE = { 'Cache-Control': 'no-cache' };

/** Vite names every file under assets/ by its content's hash, so it never changes: cached for good. The shell is revalidated. */
function cacheAssets(res: Response, file: string): void {
  const immutable = file.includes(`${path.sep}assets${path.sep}`);
  res.setHeader('Cache-Control', immutable ? 'public, max-age=31536000, immutable' : REVALIDATE['Cache-Control']);
}

export function createApp({
  db,
  clearance,
  clientDir,
  auth: authOptions,
  corsOrigins,
  heavyQueryLimit: heavy,
  analysisBudgets = DEFAULT_ANALYSIS_BUDGETS,
  log,
  layouts,
  graphs,
  analyses,
  planner = new PlannerCache(db, { budgets: analysisBudgets }),
}: AppOptions): Express {
  const app = express();
  app.disable('x-powered-by');
  app.set('query parser', 'simple');
  const metrics = createMetrics(db);
  app.use(requestLogging(log));
  app.use(metrics.record);
  app.use(securityHeaders());
  const auth = authOptions ? createAuth(db, clearance, { trustedOrigins: corsOrigins, ...authOptions }) : undefined;
  // Prometheus metrics: to this machine (loopback), or to admins (see metricsAccess).
  app.get('/metrics', metricsAccess(auth?.authenticate), metrics.handler);

  const api = express.Router();
  if (corsOrigins?.length) api.use(cors(corsOrigins));
  // Imports stream their own (large) bodies; every other endpoint takes JSON up to 1 MB.
  const json = express.json({ limit: '1mb' });
  api.use((req, res, next) => (req.path.startsWith('/import') ? next() : json(req, res, next)));
  api.use(auth ? auth.authenticate : callerContext(clearance));
  api.use(requireEditorForWrites);
  // With accounts (several users, maybe several processes) the budget is kept in Neo4j, written
  // at most twice a second per address and process, in the background (see Neo4jRateLimitStore).
  if (heavy) api.use(heavyQueryLimit(heavy, auth ? new Neo4jRateLimitStore(db, 'heavy:', 1_000) : undefined));
  if (auth) api.use(auth.routes);
  api.use('/health', healthRouter(db));
  api.use(referenceRouter());
  api.use('/actors', actorsRouter(db));
  api.use('/graph', compress, graphRouter(db, layouts, graphs));
  api.use('/centrality', centralityRouter(db, analyses));
  api.use('/paths', pathsRouter(db));
  api.use('/responders', respondersRouter(db, planner));
  api.use('/gaps', gapsRouter(db, analysisBudgets.gapsMs, planner));
  api.use('/coverage', coverageRouter(db, analysisBudgets.coverageMs, planner));
  api.use('/completeness', completenessRouter(db));
  api.use('/documents', documentsRouter(db));
  api.use(editingRouter(db));
  api.use(apiNotFound);
  app.use('/api', api);

  if (auth) app.use(auth.pages);
  if (clientDir && existsSync(path.join(clientDir, 'index.html'))) {
    app.use(compress, express.static(clientDir, { index: 'index.html', setHeaders: cacheAssets }));
    // Client-side routes fall back to the app shell.
    app.get(/^(?!\/api\/).*/, compress, (_req, res) => res.sendFile(path.join(clientDir, 'index.html'), { headers: REVALIDATE }));
  }
  app.use(problemHandler);
  return app;
}
