import path from 'node:path';
import { checkPrerequisites, ensureNeo4jInstalled, type SupervisedNeo4j, superviseLocalNeo4j } from '@atlas/neo4j-local';
import { readSeed } from '@atlas/seed';
import type { Config } from './config.js';
import { Database } from './db/database.js';
import { applySchema } from './db/schema.js';
import { isGraphEmpty, loadSeedGraph } from './db/seedLoader.js';
import { warmQueryPlans } from './db/warmUp.js';
import { compiledWorker } from './features/centrality/workers.js';
import { warmPathPlans } from './features/paths/repository.js';
import { scheduleImportRecovery } from './features/transfer/importer.js';
import { removeOrphanSpools } from './features/transfer/spool.js';

export interface GraphStore {
  db: Database;
  /** Where the database lives, for the start-up banner. */
  describe: string;
  /**
   * Plans every query ahead of traffic (see warmQueryPlans); until it resolves, the readiness
   * endpoint answers 503.
   */
  warmUp(): Promise<void>;
  close(): Promise<void>;
}

const log = (line: string) => console.log(`[atlas] ${line}`);

// Neo4j's INFO lines (dozens per start) would bury the address the user is waiting for; they
// stay in the data folder's logs/debug.log. Warnings, errors and the launcher's lines are shown.
function showNeo4jLine(line: string): void {
  if (/\bINFO\b/.test(line) && !line.includes('[neo4j-local]')) return;
  console.log(`[neo4j] ${line}`);
}

/**
 * Connects to the configured Neo4j (starting the local one when NEO4J_URI is not set), applies
 * the schema and loads the seed graph when the database is empty.
 */
export async function openGraphStore(config: Config): Promise<GraphStore> {
  // Planning a query on a cold JVM can take seconds; do it before traffic, not in the first
  // requests, and again after the supervisor restarted a local Neo4j.
  const warmUp = () => warmQueryPlans(db, log, [() => warmPathPlans(db, log), async () => void (await compiledWorker())]);
  let local: SupervisedNeo4j | undefined;
  let db: Database;
  let uri: string;
  if (config.neo4j.mode === 'local') {
    await checkPrerequisites();
    await ensureNeo4jInstalled({ log: (l) => console.log(`[neo4j-local] ${l}`) });
    const dataDir = path.join(config.dataDir, 'neo4j');
    log(`starting the local Neo4j (data in ${dataDir}) ...`);
    // Supervised: restarted with backoff if it dies, on the same port, so the driver reconnects.
    local = await superviseLocalNeo4j(
      {
        boltPort: config.neo4j.boltPort,
        dataDir,
        heap: config.neo4j.heap,
        pageCache: config.neo4j.pageCache,
        log: showNeo4jLine,
      },
      () => void warmUp(),
    );
    uri = local.uri;
  } else {
    uri = config.neo4j.uri;
  }
  const { neo4j } = config;
  db = new Database({
    uri,
    user: neo4j.mode === 'external' ? neo4j.user : undefined,
    password: neo4j.mode === 'external' ? neo4j.password : undefined,
    database: neo4j.database,
    queryTimeoutMs: config.queryTimeoutMs,
  });
  if (local) db.lifecycle.localNeo4j = local.status;
  const close = async () => {
    await db.close();
    await local?.stop();
  };
  try {
    const { version, edition } = await db.verify();
    log(`connected to Neo4j ${version} (${edition}) at ${uri}`);
    log(`schema: ${await applySchema(db)} constraints and indexes in place`);
    await seedIfWanted(db, config.seed);
    // Imports a dead process left behind: published to the end if committed, else rolled back.
    scheduleImportRecovery(db);
    // And the uploads it had spooled to disk (a copy of the file, outside the clearance checks).
    const spools = await removeOrphanSpools();
    if (spools.length > 0) log(`removed ${spools.length} spooled uploads left by API processes that died`);
  } catch (error) {
    await close();
    throw error;
  }
  return { db, describe: local ? `local Neo4j at ${uri}` : `Neo4j at ${uri}`, warmUp, close };
}

async function seedIfWanted(db: Database, mode: Config['seed']): Promise<void> {
  if (mode === 'never' || (mode === 'if-empty' && !(await isGraphEmpty(db)))) return;
  log('loading the seed graph ...');
  const started = Date.now();
  const report = await loadSeedGraph(db, await readSeed(), log);
  log(`seed graph loaded: ${report.nodes} nodes, ${report.relationships} relationships in ${Date.now() - started} ms`);
}
