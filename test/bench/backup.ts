// npm run bench:backup -- [--actors 10k]
// Backup and restore figures (issue 12): dump size and time of `npm run backup`'s dump, and the
// time of a restore, on the seed graph and on a synthetic graph, each in a Neo4j of its own
// (stopped for the dump, as the backup requires). Times include neo4j-admin's JVM start.
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { checkPrerequisites, dumpLocalDatabase, ensureNeo4jInstalled, loadLocalDatabase, startLocalNeo4j } from '@atlas/neo4j-local';
import { readSeed } from '@atlas/seed';
import { generateSyntheticGraph, parseActorCount } from '../../seed/src/synthetic/generate.js';
import { Database } from '../../server/src/db/database.js';
import { applySchema } from '../../server/src/db/schema.js';
import { loadSeedGraph } from '../../server/src/db/seedLoader.js';
import { countGraph } from '../support/neo4j.js';
import { loadSyntheticGraph } from './load.js';

const log = (line: string) => console.log(`[bench:backup] ${line}`);
const args = process.argv.slice(2);
const actorsArg = args[args.indexOf('--actors') + 1];
const actors = parseActorCount(args.includes('--actors') && actorsArg ? actorsArg : '10k');

async function measure(name: string, fill: (db: Database) => Promise<void>, root: string): Promise<void> {
  const dataDir = path.join(root, name);
  const neo4j = await startLocalNeo4j({ boltPort: 0, dataDir, heap: '1g', pageCache: '256m', plugins: false, log: () => {} });
  const db = new Database({ uri: neo4j.uri, queryTimeoutMs: 600_000 });
  await applySchema(db);
  await fill(db);
  const size = await countGraph(db);
  await db.close();
  await neo4j.stop();
  const dump = await dumpLocalDatabase({ dataDir, toDir: path.join(root, `${name}-backup`), log: () => {} });
  const load = await loadLocalDatabase({
    dataDir: path.join(root, `${name}-restored`),
    fromDir: path.join(root, `${name}-backup`),
    log: () => {},
  });
  log(
    `${name}: ${size.nodes} nodes, ${size.relationships} relationships in all (graph, audit, app state): dump ${(dump.bytes / 1024 / 1024).toFixed(2)} MB in ${dump.seconds.toFixed(1)} s, restore ${load.seconds.toFixed(1)} s`,
  );
}

await checkPrerequisites({ maven: false });
await ensureNeo4jInstalled({ log });
const root = await mkdtemp(path.join(os.tmpdir(), 'atlas-bench-backup-'));
try {
  log(
    `load average ${os
      .loadavg()
      .map((l) => l.toFixed(2))
      .join(', ')} on ${os.cpus().length} cores`,
  );
  await measure('seed', async (db) => void (await loadSeedGraph(db, await readSeed())), root);
  await measure(
    `synthetic-${actors}`,
    (db) => loadSyntheticGraph(db, generateSyntheticGraph({ actors, seed: 1 }), { mode: 'create' }).then(() => {}),
    root,
  );
} finally {
  await rm(root, { recursive: true, force: true });
}
