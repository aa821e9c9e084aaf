// node --expose-gc --import tsx test/bench/textPass.ts [--actors 50k] [--seed 1] [--file F.json] [--keep]
//
// The import's text-consistency check on its own, without Neo4j: a synthetic graph written as the
// project's JSON import file (as bench:import writes it; --file F.json keeps and re-uses it), then
//  1. the streaming pass's part of it: every row read, checked by its schema (checkNode /
//     checkRelationship, as the validator does) and noted (ImportTextCheck.noteNode /
//     noteRelationship);
//  2. what checkImportTexts (validate.ts) does after it, step by step: the names of the CLEAR ends
//     of relationships above CLEAR read again from the node rows, `prepare` (the checker is
//     built), and the second pass (every row read again, every text checked);
//  3. for comparison, the second pass's reading alone, and reading with the schema check (what
//     the second pass did before).
// Prints the live heap the text check holds (after a forced major GC) after each step, in MiB and
// bytes per row, and the time and CPU seconds of each step, with the load average.
// One process; no database (ends only in the database do not occur: the file holds every node).

import { once } from 'node:events';
import { createWriteStream } from 'node:fs';
import { mkdtemp, rm, stat } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { RelType } from '../../seed/src/schema.js';
import { generateSyntheticGraph, parseActorCount } from '../../seed/src/synthetic/generate.js';
import type { FieldProblem } from '../../server/src/errors.js';
import { type ImportSource, readRows } from '../../server/src/features/transfer/sources.js';
import { ImportTextCheck } from '../../server/src/features/transfer/textConsistency.js';
import { checkNode, checkRelationship } from '../../server/src/features/transfer/validate.js';
import { loadAverage, option } from './report.js';

const gc = (globalThis as { gc?: () => void }).gc;
if (!gc) throw new Error('run with node --expose-gc --import tsx');
const live = () => {
  gc();
  gc();
  return process.memoryUsage().heapUsed;
};
const mib = (bytes: number) => `${(bytes / 2 ** 20).toFixed(1)} MiB`;
const cpu = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1e6;
};
const load = () => loadAverage(' ');

async function writeFile(file: string, actors: number, seed: number): Promise<number> {
  const out = createWriteStream(file);
  const put = async (text: string) => {
    if (!out.write(text)) await once(out, 'drain');
  };
  let rows = 0;
  let section: 'nodes' | 'relationships' = 'nodes';
  await put('{"format":"stakeholder-atlas","version":1,\n"nodes":[\n');
  for (const batch of generateSyntheticGraph({ actors, seed })) {
    if (batch.kind === 'relationships' && section === 'nodes') {
      await put('\n],\n"relationships":[\n');
      section = 'relationships';
      rows = 0;
    }
    if (batch.kind === 'nodes') {
      for (const n of batch.rows)
        await put(`${rows++ ? ',\n' : ''}${JSON.stringify({ label: n.label, id: n.id, properties: n.properties })}`);
    } else {
      for (const r of batch.rows) {
        const { id, ...properties } = r.properties;
        await put(`${rows++ ? ',\n' : ''}${JSON.stringify({ type: r.type, id, from: r.from, to: r.to, properties })}`);
      }
    }
  }
  await put('\n]}\n');
  out.end();
  await once(out, 'finish');
  return rows;
}

async function timed<T>(what: string, work: () => Promise<T>): Promise<T> {
  const t0 = performance.now();
  const c0 = cpu();
  const result = await work();
  console.log(`[textPass] ${what}: ${((performance.now() - t0) / 1000).toFixed(2)} s (CPU ${(cpu() - c0).toFixed(2)} s)`);
  return result;
}

/** The second loop of checkImportTexts (validate.ts), on a prepared check. */
async function checkImportTextsOnly(texts: ImportTextCheck, source: ImportSource, prefix: string, add: (p: FieldProblem[]) => void) {
  for await (const row of readRows(source)) {
    if (row.kind === 'node') {
      add(texts.nodeProblems(row.id, row.properties, row.where, prefix));
      continue;
    }
    add(
      texts.relationshipProblems({ type: row.type as RelType, from: row.from, to: row.to, properties: row.properties }, row.where, prefix),
    );
  }
}

async function main(): Promise<void> {
  const actors = parseActorCount(option('actors', '50k'));
  const seed = Number(option('seed', '1'));
  const given = option('file', '');
  const dir = given ? '' : await mkdtemp(path.join(os.tmpdir(), 'atlas-textpass-'));
  const file = given || path.join(dir, 'import.json');
  if (!given || !(await stat(file).catch(() => null))) await writeFile(file, actors, seed);
  const source: ImportSource = { format: 'json', files: [{ name: path.basename(file), path: file }] };
  const prefix = 'properties.';
  console.log(`[textPass] ${file} (${((await stat(file)).size / 1e6).toFixed(0)} MB), load ${load()}`);

  const base = live();
  const texts = new ImportTextCheck();
  const seen = new Set<string>();
  let rows = 0;
  await timed('pass 1 (read, schema, note)', async () => {
    for await (const row of readRows(source)) {
      rows++;
      if (row.kind === 'node') {
        const checked = checkNode(row, prefix);
        if (!Array.isArray(checked)) texts.noteNode(row.id, checked.label, checked.props);
        seen.add(row.id);
      } else {
        const checked = checkRelationship(row, prefix);
        // As the validator tells it (its id → label map): whether an end came earlier in the file.
        if (!Array.isArray(checked)) texts.noteRelationship(checked.type, row.from, row.to, checked.props, (id) => seen.has(id));
      }
    }
  });
  // The ids seen stand for the validator's own id map: not the text check's.
  seen.clear();
  const afterNotes = live() - base;
  // As checkImportTexts (validate.ts) does, step by step, each timed.
  const needed = texts.namesNeeded(new Map());
  const neededCount = needed.size;
  let namesRead = 0;
  await timed(`names of the CLEAR ends (${neededCount.toLocaleString('en')} ids, read again)`, async () => {
    if (needed.size === 0) return;
    for await (const row of readRows(source)) {
      namesRead++;
      if (row.kind !== 'node' || !needed.delete(row.id)) continue;
      texts.noteNames(row.id, row.properties);
      if (needed.size === 0) break;
    }
  });
  const afterNames = live() - base;
  const active = await timed('prepare', async () => texts.prepare(new Map()));
  const afterPrepare = live() - base;
  const perRow = (bytes: number) => `${Math.round(bytes / rows)} B/row`;
  console.log(`[textPass] ${rows.toLocaleString('en')} rows; ${namesRead.toLocaleString('en')} rows read for the names; active ${active}`);
  console.log(
    `[textPass] live heap held by the text check: after pass 1 ${mib(afterNotes)} (${perRow(afterNotes)}), with the names ${mib(afterNames)} (${perRow(afterNames)}), after prepare ${mib(afterPrepare)} (${perRow(afterPrepare)})`,
  );

  let problems = 0;
  await timed('pass 2 (read, check texts)', async () => {
    await checkImportTextsOnly(texts, source, prefix, (found) => {
      problems += found.length;
    });
  });
  console.log(`[textPass] problems found: ${problems}`);
  await timed('  (read + schema, as pass 2 did before)', async () => {
    for await (const row of readRows(source)) {
      if (row.kind === 'node') checkNode(row, prefix);
      else checkRelationship(row, prefix);
    }
  });
  await timed('  of which read only', async () => {
    for await (const _row of readRows(source)) {
    }
  });
  console.log(`[textPass] still held after pass 2: ${mib(live() - base)}; load ${load()}`);
  if (dir && !process.argv.includes('--keep')) await rm(dir, { recursive: true, force: true });
}

await main();
