import { existsSync } from 'node:fs';
import path from 'node:path';
import express, { type Express } from 'express';
import { repoRoot, type Sensitivity } from './config.js';
import type { Database } from './db/database.js';
import { actorsRouter } from './features/actors/router.js';
import { editingRouter } from './features/entities/index.js';
import { graphRouter } from './features/graph/router.js';
import { healthRouter } from './features/health/router.js';
import { pathsRouter } from './features/paths/router.js';
import { callerContext } from './http/caller.js';
import { apiNotFound, problemHandler } from './http/problem.js';

export interface AppOptions {
  db: Database;
  clearance: Sensitivity;
  /** The built web app to serve beside the API; omitted, only the API is served. */
  clientDir?: string;
}

export const defaultClientDir = path.join(repoRoot, 'client', 'dist');

export function createApp({ db, clearance, clientDir }: AppOptions): Express {
  const app = express();
  app.disable('x-powered-by');
  app.set('query parser', 'simple');

  const api = express.Router();
  api.use(express.json({ limit: '1mb' }));
  api.use(callerContext(clearance));
  api.use('/health', healthRouter(db));
  api.use('/actors', actorsRouter(db));
  api.use('/graph', graphRouter(db));
  api.use('/paths', pathsRouter(db));
  api.use(editingRouter(db));
  api.use(apiNotFound);
  app.use('/api', api);

  if (clientDir && existsSync(path.join(clientDir, 'index.html'))) {
    app.use(express.static(clientDir, { index: 'index.html', maxAge: '1h' }));
    // Client-side routes fall back to the app shell.
    app.get(/^(?!\/api\/).*/, (_req, res) => res.sendFile(path.join(clientDir, 'index.html')));
  }
  app.use(problemHandler);
  return app;
}
