import type { Server } from 'node:http';
import { createApp, defaultClientDir } from './app.js';
import type { Sensitivity } from './config.js';
import { ConfigError, loadConfig } from './config.js';
import type { Database } from './db/database.js';
import { countActiveAdmins, countUsers, listUsers } from './features/auth/repository.js';
import { randomSecret } from './features/auth/tokens.js';
import { KeptAnalyses } from './features/centrality/kept.js';
import { compiledDocumentWorker } from './features/documents/textExtraction.js';
import { LayoutCache } from './features/graph/layout.js';
import { positionsOffThread } from './features/graph/layoutOffThread.js';
import { keptGraphs } from './features/graph/router.js';
import { PlannerCache } from './features/planner/cache.js';
import { computeFirstAnswers } from './firstAnswers.js';
import { openGraphStore } from './graphStore.js';
import { today } from './http/validate.js';

/** The clearances the planner's answers are computed for after start-up: every active account's, and the local admin's on loopback. */
async function clearancesInUse(db: Database, local: Sensitivity | null): Promise<Sensitivity[]> {
  const users = await listUsers(db);
  return [...(local ? [local] : []), ...users.filter((u) => !u.disabled).map((u) => u.clearance)];
}

async function main(): Promise<void> {
  const config = loadConfig();
  const store = await openGraphStore(config);
  const admins = await countActiveAdmins(store.db);
  if (!config.loopback && admins === 0) {
    await store.close();
    throw new ConfigError(`Serving on ${config.host} (not loopback) needs an admin account first: npm run create-admin -- --username NAME`);
  }
  // A loopback install without accounts opens as the local admin through a one-time link.
  const localAdminToken = config.loopback && (await countUsers(store.db)) === 0 ? randomSecret(24) : undefined;
  const planner = new PlannerCache(store.db, { budgets: config.analysisBudgets, warm: config.plannerWarm, log: console.error });
  // Kept here, not inside the app, so start-up can compute the first screens' answers into them.
  const layouts = new LayoutCache(8, positionsOffThread);
  // Both compute their recent questions again after a write, as the planner does (unless ATLAS_PLANNER_WARM=off).
  const analyses = new KeptAnalyses(store.db, { rewarm: config.plannerWarm, log: console.error });
  const graphs = keptGraphs(store.db, { rewarm: config.plannerWarm, log: console.error });
  const app = createApp({
    db: store.db,
    clearance: config.clearance,
    clientDir: defaultClientDir,
    analysisBudgets: config.analysisBudgets,
    auth: {
      sessionSecret: config.sessionSecret ?? randomSecret(48),
      sessionTtlMs: config.sessionTtlMs,
      localAdminToken,
      loginLimit: config.loginLimit,
    },
    corsOrigins: config.corsOrigins,
    heavyQueryLimit: config.heavyQueryLimit,
    log: { level: config.logLevel },
    planner,
    layouts,
    graphs,
    analyses,
  });
  if (config.trustProxy !== undefined) {
    app.set('trust proxy', /^\d+$/.test(config.trustProxy) ? Number(config.trustProxy) : config.trustProxy);
  }
  const server: Server = await new Promise((resolve, reject) => {
    const s = app.listen(config.port, config.host, () => resolve(s));
    s.once('error', reject);
  });
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  const host = config.host.includes(':') ? `[${config.host}]` : config.host;
  const signIn = localAdminToken
    ? `Open this one-time link to sign in as the local admin (clearance ${config.clearance}):\n  http://${host}:${port}/?token=${localAdminToken}`
    : `Sign in at http://${host}:${port}/login with your account.`;
  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.log(`\n[atlas] ${signal}: stopping ...`);
    server.close();
    server.closeAllConnections();
    planner.close();
    analyses.close();
    graphs.close();
    await store.close();
    process.exit(0);
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));

  console.log(
    `[atlas] listening on http://${host}:${port}/ (GET /api/health/live); warming query plans and computing the first answers before it is ready ...`,
  );
  await store.warmUp();
  const first = await computeFirstAnswers({
    db: store.db,
    planner: config.plannerWarm ? planner : undefined,
    layouts,
    graphs,
    analyses,
    clearances: await clearancesInUse(store.db, config.loopback ? config.clearance : null),
    asOf: today(),
    waitMs: config.readyWaitMs,
    log: (line) => console.log(`[atlas] ${line}`),
  });
  console.log(
    first.pending.length === 0
      ? `[atlas] first answers computed in ${first.seconds.toFixed(1)} s`
      : `[atlas] after ${first.seconds.toFixed(0)} s (ATLAS_READY_WAIT_S) still computing in the background: ${first.pending.join(', ')}`,
  );
  if (first.pending.length > 0) void first.settled.then(() => console.log('[atlas] the first answers are computed'));
  // The document worker's bundle (4 MB: the PDF and Word readers) is made now rather than on the first upload.
  void compiledDocumentWorker().catch(() => {});
  console.log(
    `\nStakeholder Atlas is ready at http://${host}:${port}/  (API at /api, ${store.describe})\n${signIn}\nPress Ctrl-C to stop.`,
  );
}

main().catch((error: unknown) => {
  if (error instanceof ConfigError) console.error(error.message);
  else console.error(`[atlas] could not start: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
