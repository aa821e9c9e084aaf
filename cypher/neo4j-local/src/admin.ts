/**
 * Offline backup and restore of the local Neo4j's `neo4j` database with neo4j-admin, run from
 * the same jars as the server (org.neo4j.cli.AdminTool, NEO4J_HOME = the data folder). Community
 * edition has no online backup: `database dump` and `database load` need the database stopped,
 * which makes the dump consistent (a store at rest, every committed transaction in it). Everything
 * the app keeps is in that one database: the graph, the audit trail, import runs, accounts,
 * sessions and rate limits; the `system` database holds nothing of ours (auth is off, one
 * database) and is created afresh on the first start after a restore.
 */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, readdir, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import { javaBin, LIB_DIR } from './paths.js';

const DATABASE = 'neo4j';
export const DUMP_FILE = `${DATABASE}.dump`;
/** At most one progress line per this many ms (neo4j-admin prints one per percent). */
const PROGRESS_EVERY_MS = 2_000;

/** The database is open in a running Neo4j (neo4j-admin found its store lock taken). */
export class LocalDatabaseInUse extends Error {}

export interface BackupReport {
  /** The dump file (dump) or the data folder (load). */
  path: string;
  bytes: number;
  seconds: number;
}

interface AdminOptions {
  log?: (line: string) => void;
}

/**
 * Dumps the `neo4j` database of the local data folder `dataDir` (what `startLocalNeo4j` was given)
 * into `toDir/neo4j.dump`; `toDir` must not exist yet, and is removed again if the dump fails.
 */
export async function dumpLocalDatabase(opts: AdminOptions & { dataDir: string; toDir: string }): Promise<BackupReport> {
  const dataDir = path.resolve(opts.dataDir);
  const toDir = path.resolve(opts.toDir);
  if (!existsSync(path.join(dataDir, 'data', 'databases', DATABASE))) {
    throw new Error(`There is no Neo4j database in ${dataDir} to back up (no data/databases/${DATABASE}); check ATLAS_DATA_DIR.`);
  }
  if (existsSync(toDir))
    throw new Error(`The backup folder ${toDir} already exists; name a new folder (--to), a backup never overwrites one.`);
  await mkdir(toDir, { recursive: true });
  const started = Date.now();
  try {
    await runAdmin(dataDir, ['database', 'dump', DATABASE, `--to-path=${toDir}`], opts.log);
  } catch (error) {
    await rm(toDir, { recursive: true, force: true });
    throw error;
  }
  const file = path.join(toDir, DUMP_FILE);
  return { path: file, bytes: (await stat(file)).size, seconds: (Date.now() - started) / 1000 };
}

/**
 * Loads `fromDir/neo4j.dump` into the local data folder `dataDir`, which must be empty or not
 * exist: a restore never overwrites a database (move the old folder aside first).
 */
export async function loadLocalDatabase(opts: AdminOptions & { dataDir: string; fromDir: string }): Promise<BackupReport> {
  const dataDir = path.resolve(opts.dataDir);
  const fromDir = path.resolve(opts.fromDir);
  const file = path.join(fromDir, DUMP_FILE);
  if (!existsSync(file)) throw new Error(`No ${DUMP_FILE} in ${fromDir}: name the folder \`npm run backup\` wrote (--from).`);
  if (existsSync(dataDir) && (await readdir(dataDir)).length > 0) {
    throw new Error(
      `The data folder ${dataDir} is not empty; a restore goes only into an empty folder. Move it aside (mv ${dataDir} ${dataDir}.old) or point ATLAS_DATA_DIR at a new folder, then run the restore again.`,
    );
  }
  await mkdir(dataDir, { recursive: true });
  const started = Date.now();
  try {
    await runAdmin(dataDir, ['database', 'load', DATABASE, `--from-path=${fromDir}`], opts.log);
  } catch (error) {
    // Leave the folder as empty as it was, so the restore can simply be run again.
    for (const entry of await readdir(dataDir)) await rm(path.join(dataDir, entry), { recursive: true, force: true });
    throw error;
  }
  return { path: dataDir, bytes: (await stat(file)).size, seconds: (Date.now() - started) / 1000 };
}

/** Node and relationship CSV files for `neo4j-admin database import full` (each with its own header line). */
export interface BulkImportFiles {
  /** Labels joined by ':' (e.g. 'Actor:Entity') and the files holding nodes of exactly those labels. */
  nodes: { labels: string; file: string }[];
  /** Relationship files; each row names its type in a :TYPE column. */
  relationships: string[];
}

/**
 * Bulk-loads CSV files into the `neo4j` database of the local data folder `dataDir` with
 * `neo4j-admin database import full` (offline, far faster than transactions: for benchmark graphs
 * of millions of rows). Replaces that database; the data folder must not be in use.
 */
export async function bulkImportLocalDatabase(
  opts: AdminOptions & { dataDir: string; files: BulkImportFiles },
): Promise<{ seconds: number }> {
  const dataDir = path.resolve(opts.dataDir);
  await mkdir(dataDir, { recursive: true });
  const started = Date.now();
  await runAdmin(
    dataDir,
    [
      'database',
      'import',
      'full',
      DATABASE,
      '--overwrite-destination=true',
      '--skip-duplicate-nodes=false',
      '--array-delimiter=;',
      // In the data folder, not the caller's working directory (by default `import.report` there).
      `--report-file=${path.join(dataDir, 'import.report')}`,
      ...opts.files.nodes.map((n) => `--nodes=${n.labels}=${n.file}`),
      ...opts.files.relationships.map((file) => `--relationships=${file}`),
    ],
    opts.log,
  );
  return { seconds: (Date.now() - started) / 1000 };
}

/** Runs neo4j-admin on the data folder, passing on its progress (throttled) and its last lines on failure. */
function runAdmin(dataDir: string, args: string[], log: (line: string) => void = console.log): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(javaBin(), ['-cp', path.join(LIB_DIR, '*'), 'org.neo4j.cli.AdminTool', ...args], {
      env: { ...process.env, NEO4J_HOME: dataDir, NEO4J_CONF: path.join(dataDir, 'conf') },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const tail: string[] = [];
    let lastProgress = 0;
    const onLine = (line: string) => {
      if (!line.trim()) return;
      tail.push(line);
      if (tail.length > 20) tail.shift();
      const progress = line.startsWith('Files:');
      if (progress && Date.now() - lastProgress < PROGRESS_EVERY_MS) return;
      if (progress) lastProgress = Date.now();
      if (progress || line.startsWith('Done:')) log(`[neo4j-admin] ${line.trim()}`);
    };
    for (const stream of [child.stdout, child.stderr]) {
      let rest = '';
      stream.on('data', (chunk: Buffer) => {
        const lines = (rest + chunk.toString()).split(/\r?\n|\r/);
        rest = lines.pop() ?? '';
        for (const line of lines) onLine(line);
      });
    }
    child.on('error', (error) => reject(new Error(`Could not run neo4j-admin (${error.message}); is Java 17+ installed?`)));
    child.on('close', (code) => {
      if (code === 0) return resolve();
      const output = tail.join('\n');
      if (/in use|store_lock|lock file/i.test(output)) {
        reject(
          new LocalDatabaseInUse(
            `The database in ${dataDir} is in use by a running Neo4j. Stop the app (Ctrl-C where \`npm start\` runs) and run this again.`,
          ),
        );
      } else reject(new Error(`neo4j-admin ${args.slice(0, 2).join(' ')} failed (exit ${code}):\n${output}`));
    });
  });
}
