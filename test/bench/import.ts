// npx tsx test/bench/import.ts [--relationships 1000000] [--nodes 100000] [--batch 5000]
//                               [--uri bolt://127.0.0.1:7687] [--heap 2g] [--pagecache 1g]
//
// Measures a large import in bounded memory: writes a synthetic file in the project's JSON
// format (streamed to a temporary folder), imports it with importGraph (the code behind
// POST /api/import) into an empty database, and prints rows/s per phase and the peak resident
// memory of this Node process. Without --uri it starts its own throw-away Neo4j (never the user's).

import { once } from 'node:events';
import { createWriteStream } from 'node:fs';
import { mkdtemp, rm, stat } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { checkPrerequisites, ensureNeo4jInstalled, type LocalNeo4j, startLocalNeo4j } from '@atlas/neo4j-local';
import { Database } from '../../server/src/db/database.js';
import { applySchema } from '../../server/src/db/schema.js';
import { type ImportProgress, importGraph } from '../../server/src/features/transfer/importer.js';

const log = (line: string) => console.log(`[bench:import] ${line}`);

function option(name: string, fallback: string): string {
  const args = process.argv.slice(2);
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? (args[i + 1] ?? fallback) : fallback;
}

const relationships = Number(option('relationships', '1000000'));
const nodes = Number(option('nodes', String(Math.max(1_000, Math.round(relationships / 10)))));
const batchSize = Number(option('batch', '5000'));

/** Actors and DIALOGUE_WITH edges among them, some with validity dates; deterministic. */
async function writeSyntheticFile(file: string): Promise<void> {
  const out = createWriteStream(file);
  const put = async (text: string) => {
    if (!out.write(text)) await once(out, 'drain');
  };
  await put('{"format":"stakeholder-atlas","version":1,\n"nodes":[\n');
  for (let i = 0; i < nodes; i++) {
    const node = {
      label: 'Actor',
      id: `actor-bench-${i}`,
      properties: {
        name: `Bench actor ${i}`,
        kind: 'civil-society',
        level: 'local',
        description: 'Synthetic actor for the import benchmark.',
      },
    };
    await put(`${i ? ',\n' : ''}${JSON.stringify(node)}`);
  }
  await put('\n],\n"relationships":[\n');
  let seed = 1;
  const random = () => {
    seed = (seed * 1103515245 + 12345) % 2 ** 31;
    return seed / 2 ** 31;
  };
  for (let i = 0; i < relationships; i++) {
    const from = Math.floor(random() * nodes);
    const to = (from + 1 + Math.floor(random() * (nodes - 1))) % nodes;
    const rel = {
      type: 'DIALOGUE_WITH',
      id: `rel-bench-${i}`,
      from: `actor-bench-${from}`,
      to: `actor-bench-${to}`,
      properties: i % 3 === 0 ? { validFrom: '2019-01-01', sourceIds: ['src-bench'], quotes: [''] } : {},
    };
    await put(`${i ? ',\n' : ''}${JSON.stringify(rel)}`);
  }
  await put('\n]}\n');
  out.end();
  await once(out, 'finish');
}

async function main(): Promise<void> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'atlas-bench-import-'));
  let neo4j: LocalNeo4j | undefined;
  const uri = option('uri', '');
  try {
    if (!uri) {
      await checkPrerequisites();
      await ensureNeo4jInstalled({ log: (l) => console.log(`[neo4j-local] ${l}`) });
      neo4j = await startLocalNeo4j({
        boltPort: 0,
        dataDir: path.join(dir, 'neo4j'),
        heap: option('heap', '2g'),
        pageCache: option('pagecache', '1g'),
      });
    }
    const db = new Database({ uri: uri || (neo4j as LocalNeo4j).uri, queryTimeoutMs: 600_000 });
    await db.write('MATCH (n) CALL (n) { DETACH DELETE n } IN TRANSACTIONS OF 10000 ROWS').catch(async () => {
      // CALL IN TRANSACTIONS needs an implicit transaction.
      await db.runAutoCommit('MATCH (n) CALL (n) { DETACH DELETE n } IN TRANSACTIONS OF 10000 ROWS');
    });
    await applySchema(db);

    const file = path.join(dir, 'bench.json');
    let started = Date.now();
    await writeSyntheticFile(file);
    const size = (await stat(file)).size;
    log(
      `file: ${nodes.toLocaleString('en')} nodes + ${relationships.toLocaleString('en')} relationships, ${(size / 1e6).toFixed(0)} MB, written in ${((Date.now() - started) / 1000).toFixed(1)} s`,
    );

    let peakRss = process.memoryUsage().rss;
    const sampler = setInterval(() => {
      peakRss = Math.max(peakRss, process.memoryUsage().rss);
    }, 100);
    const rssBefore = process.memoryUsage().rss;
    let lastLog = 0;
    started = Date.now();
    const onProgress = (p: ImportProgress) => {
      if (Date.now() - lastLog > 10_000) {
        lastLog = Date.now();
        log(
          `${p.phase} ${p.rows.toLocaleString('en')}${p.total ? ` of ${p.total.toLocaleString('en')}` : ''} rows, rss ${(process.memoryUsage().rss / 2 ** 20).toFixed(0)} MiB`,
        );
      }
    };
    const report = await importGraph(
      db,
      { format: 'json', files: [{ name: 'bench.json', path: file }] },
      {
        caller: { clearance: 'RED', allowed: ['CLEAR', 'GREEN', 'AMBER', 'RED'], userId: 'bench', role: 'admin' } as never,
        by: 'bench',
        batchSize,
        onProgress,
      },
    );
    const total = Date.now() - started;
    clearInterval(sampler);
    const validateMs = report.validationSeconds * 1000;
    const writeMs = total - validateMs;
    const rows = nodes + relationships;
    log(`report: ${JSON.stringify(report)}`);
    log(`validation pass: ${(validateMs / 1000).toFixed(1)} s, ${Math.round(rows / (validateMs / 1000)).toLocaleString('en')} rows/s`);
    log(
      `write pass: ${(writeMs / 1000).toFixed(1)} s, ${Math.round(rows / (writeMs / 1000)).toLocaleString('en')} rows/s (${report.batches} batches of ${batchSize}, audit entry per row)`,
    );
    log(`overall: ${(total / 1000).toFixed(1)} s, ${Math.round(rows / (total / 1000)).toLocaleString('en')} rows/s`);
    log(
      `Node process RSS: ${(rssBefore / 2 ** 20).toFixed(0)} MiB before, peak ${(peakRss / 2 ** 20).toFixed(0)} MiB (file ${(size / 2 ** 20).toFixed(0)} MiB)`,
    );
    log(
      `machine: ${os.cpus().length} cores, load average ${os
        .loadavg()
        .map((l) => l.toFixed(1))
        .join(' ')}`,
    );
    await db.close();
  } finally {
    await neo4j?.stop();
    await rm(dir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
