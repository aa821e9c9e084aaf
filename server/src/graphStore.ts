import path from 'node:path';
import { checkPrerequisites, ensureNeo4jInstalled, type LocalNeo4j, startLocalNeo4j } from '@atlas/neo4j-local';
import { readSeed } from '@atlas/seed';
import type { Config } from './config.js';
import { Database } from './db/database.js';
import { applySchema } from './db/schema.js';
import { isGraphEmpty, loadSeedGraph } from './db/seedLoader.js';
import { warmPathPlans } from './features/paths/repository.js';

export interface GraphStore {
  db: Database;
  /** Where the database lives, for the start-up banner. */
  describe: string;
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
  let local: LocalNeo4j | undefined;
  let uri: string;
  if (config.neo4j.mode === 'local') {
    await checkPrerequisites();
    await ensureNeo4jInstalled({ log: (l) => console.log(`[neo4j-local] ${l}`) });
    const dataDir = path.join(config.dataDir, 'neo4j');
    log(`starting the local Neo4j (data in ${dataDir}) ...`);
    local = await startLocalNeo4j({
      boltPort: config.neo4j.boltPort,
      dataDir,
      heap: config.neo4j.heap,
      pageCache: config.neo4j.pageCache,
      log: showNeo4jLine,
    });
    uri = local.uri;
  } else {
    uri = config.neo4j.uri;
  }
  const { neo4j } = config;
  const db = new Database({
    uri,
    user: neo4j.mode === 'external' ? neo4j.user : undefined,
    password: neo4j.mode === 'external' ? neo4j.password : undefined,
    database: neo4j.database,
    queryTimeoutMs: config.queryTimeoutMs,
  });
  const close = async () => {
    await db.close();
    await local?.stop();
  };
  try {
    const { version, edition } = await db.verify();
    log(`connected to Neo4j ${version} (${edition}) at ${uri}`);
    log(`schema: ${await applySchema(db)} constraints and indexes in place`);
    await seedIfWanted(db, config.seed);
    // Planning a path query on a cold JVM can take seconds; do it now, not in the first request.
    void warmPathPlans(db, (line) => log(line));
  } catch (error) {
    await close();
    throw error;
  }
  return { db, describe: local ? `local Neo4j at ${uri}` : `Neo4j at ${uri}`, close };
}

async function seedIfWanted(db: Database, mode: Config['seed']): Promise<void> {
  if (mode === 'never' || (mode === 'if-empty' && !(await isGraphEmpty(db)))) return;
  log('loading the seed graph ...');
  const started = Date.now();
  const report = await loadSeedGraph(db, await readSeed(), log);
  log(`seed graph loaded: ${report.nodes} nodes, ${report.relationships} relationships in ${Date.now() - started} ms`);
}
