/**
 * npm run backup [-- --to FOLDER]   dumps the local Neo4j (graph, audit, accounts) to a new folder
 * npm run restore -- --from FOLDER  loads such a dump into the local data folder, which must be empty
 *
 * Offline, through neo4j-admin from the project's own jars (@atlas/neo4j-local, admin.ts): stop
 * the app first. For a Neo4j given by NEO4J_URI, back up on that server instead.
 */
import path from 'node:path';
import { parseArgs } from 'node:util';
import { checkPrerequisites, dumpLocalDatabase, ensureNeo4jInstalled, loadLocalDatabase } from '@atlas/neo4j-local';
import { loadConfig } from '../src/config.js';

const log = (line: string) => console.log(line);
const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(2)} MB`;
const stamp = () => new Date().toISOString().replace(/[:.]/g, '-').replace('T', '_').slice(0, 19);

async function main(): Promise<void> {
  const [command, ...rest] = process.argv.slice(2);
  const { values } = parseArgs({ args: rest, options: { to: { type: 'string' }, from: { type: 'string' } } });
  if (command !== 'backup' && command !== 'restore') throw new Error('usage: backup.ts backup [--to FOLDER] | restore --from FOLDER');
  const config = loadConfig();
  if (config.neo4j.mode !== 'local') {
    throw new Error(
      'NEO4J_URI is set: backup and restore cover the local Neo4j only. Back up that server with its own tools (neo4j-admin database dump, or Aura snapshots).',
    );
  }
  await checkPrerequisites({ maven: false });
  await ensureNeo4jInstalled({ log: (l) => log(`[neo4j-local] ${l}`) });
  const dataDir = path.join(config.dataDir, 'neo4j');
  if (command === 'backup') {
    const toDir = path.resolve(values.to ?? path.join(config.dataDir, 'backups', `atlas-${stamp()}`));
    log(`[backup] dumping the local Neo4j in ${dataDir} to ${toDir} ...`);
    const report = await dumpLocalDatabase({ dataDir, toDir, log });
    log(
      `[backup] done: ${report.path}, ${mb(report.bytes)} in ${report.seconds.toFixed(1)} s. Restore it with: npm run restore -- --from ${toDir}`,
    );
  } else {
    if (!values.from) throw new Error('Name the backup folder to restore: npm run restore -- --from FOLDER');
    log(`[restore] loading ${values.from} into ${dataDir} ...`);
    const report = await loadLocalDatabase({ dataDir, fromDir: values.from, log });
    log(`[restore] done in ${report.seconds.toFixed(1)} s (dump of ${mb(report.bytes)}). Start the app with npm start.`);
  }
}

main().catch((error: unknown) => {
  console.error(`[${process.argv[2] ?? 'backup'}] ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
