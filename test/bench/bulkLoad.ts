// npx tsx test/bench/bulkLoad.ts --actors 1m --data /tmp/atlas-1m [--seed 1] [--port 17687] [--heap 6g] [--pagecache 4g] [--keep]
//
// Puts a synthetic graph (seed/src/synthetic) into a scratch Neo4j data folder with
// `neo4j-admin database import full` (offline; minutes for the 1M-actor graph where transactions
// take an hour on a busy machine), then starts Neo4j on it and applies the schema. The data
// matches what load.ts writes (the same properties, dates as DATE, aliasText), except that an
// empty list is left out instead of stored. With --keep the Neo4j keeps running (Ctrl-C stops
// it), so benchmarks can reuse it through --uri; the folder is the caller's to remove.

import { once } from 'node:events';
import { createWriteStream } from 'node:fs';
import { mkdir, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { type BulkImportFiles, bulkImportLocalDatabase, ensureNeo4jInstalled, startLocalNeo4j } from '@atlas/neo4j-local';
import { generateSyntheticGraph, parseActorCount, type SyntheticBatch } from '../../seed/src/synthetic/generate.js';
import { Database } from '../../server/src/db/database.js';
import { applySchema } from '../../server/src/db/schema.js';
import { isIsoDate } from '../../server/src/db/values.js';
import { countGraph } from '../support/neo4j.js';
import { option } from './report.js';

const log = (line: string) => console.log(`[bench:bulk-load] ${line}`);

/** Property names stored as Neo4j DATEs (as load.ts and the seed loader store them). */
const DATE_KEYS = new Set(['validFrom', 'validTo', 'asOf', 'signed', 'validUntil', 'started', 'ended', 'date']);

type Props = Record<string, unknown>;

/** The CSV column type of a property, as the driver would have stored the value (JS numbers are floats). */
function columnType(key: string, value: unknown): string {
  if (Array.isArray(value)) return 'string[]';
  if (typeof value === 'number') return 'double';
  if (typeof value === 'boolean') return 'boolean';
  if (DATE_KEYS.has(key) && isIsoDate(value)) return 'date';
  return 'string';
}

const quoted = (text: string) => `"${text.replace(/"/g, '""')}"`;

function cell(value: unknown): string {
  if (value === undefined || value === null) return '';
  if (Array.isArray(value)) return value.length === 0 ? '' : quoted(value.map(String).join(';'));
  if (typeof value === 'string') return quoted(value);
  return String(value);
}

function withAliasText(properties: Props): Props {
  return Array.isArray(properties.aliases) ? { ...properties, aliasText: (properties.aliases as string[]).join(' | ') } : properties;
}

/** Writes one batch as a CSV file with its own header (the batch's keys); returns its path. */
async function writeBatch(dir: string, n: number, batch: SyntheticBatch): Promise<string> {
  const file = path.join(dir, `${String(n).padStart(5, '0')}-${batch.kind === 'nodes' ? batch.label : batch.type}.csv`);
  const rows: { fixed: string[]; props: Props }[] =
    batch.kind === 'nodes'
      ? batch.rows.map((r) => ({ fixed: [quoted(r.id)], props: withAliasText(r.properties) }))
      : batch.rows.map((r) => ({ fixed: [quoted(r.from), quoted(r.to), r.type], props: r.properties }));
  const types = new Map<string, string>();
  for (const { props } of rows) {
    for (const [key, value] of Object.entries(props)) {
      if (value === undefined || value === null || (batch.kind === 'nodes' && key === 'id')) continue;
      if (!types.has(key)) types.set(key, columnType(key, value));
    }
  }
  const keys = [...types.keys()];
  const fixed = batch.kind === 'nodes' ? ['id:ID'] : [':START_ID', ':END_ID', ':TYPE'];
  const out = createWriteStream(file);
  const put = async (line: string) => {
    if (!out.write(`${line}\n`)) await once(out, 'drain');
  };
  await put([...fixed, ...keys.map((k) => `${k}:${types.get(k)}`)].join(','));
  for (const { fixed: f, props } of rows) await put([...f, ...keys.map((k) => cell(props[k]))].join(','));
  out.end();
  await once(out, 'finish');
  return file;
}

async function main(): Promise<void> {
  const actors = parseActorCount(option('actors', '1m'));
  const seed = Number(option('seed', '1'));
  const dataDir = path.resolve(option('data', path.join(os.tmpdir(), `atlas-bulk-${option('actors', '1m')}`)));
  const csvDir = path.join(dataDir, 'csv');
  await mkdir(csvDir, { recursive: true });
  await ensureNeo4jInstalled({ log: (l) => console.log(`[neo4j-local] ${l}`) });

  let started = performance.now();
  const files: BulkImportFiles = { nodes: [], relationships: [] };
  let rows = 0;
  let n = 0;
  for (const batch of generateSyntheticGraph({ actors, seed, batchSize: 100_000 })) {
    const file = await writeBatch(csvDir, n++, batch);
    // Only the domain label: Neo4j lists a node's labels in the order of their token ids, which
    // neo4j-admin assigns in no set order, and the app's queries read the domain label as
    // labels(n)[0]. The schema (05-entity-ids.cypher) adds Entity afterwards, a token made later.
    if (batch.kind === 'nodes') files.nodes.push({ labels: batch.label, file });
    else files.relationships.push(file);
    rows += batch.rows.length;
  }
  log(
    `${actors.toLocaleString('en')} actors, seed ${seed}: ${rows.toLocaleString('en')} rows as CSV in ${((performance.now() - started) / 1000).toFixed(1)} s`,
  );

  started = performance.now();
  await bulkImportLocalDatabase({ dataDir, files, log });
  log(`neo4j-admin database import full: ${((performance.now() - started) / 1000).toFixed(1)} s (load ${os.loadavg()[0]?.toFixed(1)})`);
  await rm(csvDir, { recursive: true, force: true });

  const neo4j = await startLocalNeo4j({
    boltPort: Number(option('port', '0')),
    dataDir,
    heap: option('heap', '6g'),
    pageCache: option('pagecache', '4g'),
    startTimeoutMs: 600_000,
  });
  const db = new Database({ uri: neo4j.uri, queryTimeoutMs: 3_600_000 });
  started = performance.now();
  await applySchema(db);
  await db.runAutoCommit('CALL db.awaitIndexes(3600)');
  log(`schema and indexes: ${((performance.now() - started) / 1000).toFixed(1)} s`);
  log(`graph: ${JSON.stringify(await countGraph(db))}`);
  const labels = await db.read('MATCH (n:Actor) RETURN labels(n) AS labels LIMIT 1');
  log(`an actor's labels, in Neo4j's order: ${JSON.stringify(labels.records[0]?.get('labels'))}`);
  await db.close();
  if (!process.argv.includes('--keep')) {
    await neo4j.stop();
    return;
  }
  log(`Neo4j on ${neo4j.uri}, data in ${dataDir}; Ctrl-C stops it`);
  const stop = () => void neo4j.stop().then(() => process.exit(0));
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
