import { randomUUID } from 'node:crypto';
import type { NodeLabel, RelType } from '@atlas/seed';
import type { ManagedTransaction } from 'neo4j-driver';
import type { Database } from '../../db/database.js';
import { defineQueries } from '../../db/queries.js';
import { toStored } from '../../db/seedLoader.js';
import { int as neo4jInt, toPlain } from '../../db/values.js';
import type { Caller } from '../../http/caller.js';
import { type Change, highestLevel, recordChanges, stateOf } from '../audit/record.js';
import { splice } from '../entities/cypherNames.js';
import { type ImportSource, readRows } from './sources.js';
import { checkNode, checkRelationship, validateImport } from './validate.js';

const q = defineQueries('transfer', ['mergeNodes', 'mergeRelationships', 'stagedChanges', 'undoNodes', 'undoRelationships', 'dropEntries']);

export interface ImportProgress {
  phase: 'validating' | 'writing' | 'rolling-back';
  rows: number;
  total?: number;
}

export interface ImportOptions {
  caller: Caller;
  by: string;
  batchSize?: number;
  /** Imports of at most this many rows are written in one transaction (fully isolated). */
  singleTransactionLimit?: number;
  maxProblems?: number;
  /** Told after each batch; throwing aborts the import and rolls it back. */
  onProgress?: (progress: ImportProgress) => void;
}

interface Tally {
  created: number;
  updated: number;
  unchanged: number;
}

export interface ImportReport {
  importId: string;
  format: string;
  nodes: Tally;
  relationships: Tally;
  batches: number;
  transactions: 'one' | 'one per batch';
  /** Time of the validation pass, and of the whole import. */
  validationSeconds: number;
  seconds: number;
}

type Stored = Record<string, unknown>;

/**
 * Imports a spooled source all-or-nothing: a streaming validation pass lists every problem
 * (file:line:field) before anything is written; then nodes, then relationships, are MERGEd in
 * batches. Small imports run in one transaction. Large ones commit batch by batch (one
 * transaction for a million relationships would need gigabytes of Neo4j heap), every change
 * staged in the audit trail under the import's id, so a failure part-way undoes them all.
 */
export async function importGraph(db: Database, source: ImportSource, options: ImportOptions): Promise<ImportReport> {
  const started = Date.now();
  const batchSize = options.batchSize ?? 5_000;
  const prefix = source.format === 'json' ? 'properties.' : '';
  const progress = options.onProgress ?? (() => {});
  const validated = await validateImport(db, source, {
    caller: options.caller,
    maxProblems: options.maxProblems ?? 100,
    prefix,
    onRows: (rows) => progress({ phase: 'validating', rows }),
  });
  const validationSeconds = (Date.now() - started) / 1000;
  const total = validated.nodes + validated.relationships;
  const importId = randomUUID();
  const report: ImportReport = {
    importId,
    format: source.format,
    nodes: { created: 0, updated: 0, unchanged: 0 },
    relationships: { created: 0, updated: 0, unchanged: 0 },
    batches: 0,
    transactions: total <= (options.singleTransactionLimit ?? 50_000) ? 'one' : 'one per batch',
    validationSeconds,
    seconds: 0,
  };
  let written = 0;

  const writeAll = async (run: (work: (tx: ManagedTransaction) => Promise<void>) => Promise<void>) => {
    for (const kind of ['node', 'relationship'] as const) {
      const groups = new Map<string, Stored[]>();
      const flush = async (key: string) => {
        const rows = groups.get(key) ?? [];
        groups.delete(key);
        if (rows.length === 0) return;
        await run(async (tx) => {
          const changes =
            kind === 'node' ? await mergeNodes(tx, key as NodeLabel, rows, importId) : await mergeRelationships(tx, key, rows, importId);
          await recordChanges(tx, options.by, changes);
          const tally = kind === 'node' ? report.nodes : report.relationships;
          for (const c of changes) tally[c.action === 'create' ? 'created' : 'updated']++;
          tally.unchanged += rows.length - changes.length;
        });
        report.batches++;
        written += rows.length;
        progress({ phase: 'writing', rows: written, total });
      };
      for await (const row of readRows(source)) {
        if (row.kind !== kind) continue;
        let key: string;
        let stored: Stored;
        if (row.kind === 'node') {
          const checked = checkNode(row, prefix);
          if (Array.isArray(checked)) throw new Error('the file changed between validation and writing');
          key = checked.label;
          stored = { id: row.id, props: toStored(checked.props) };
        } else {
          const checked = checkRelationship(row, prefix);
          if (Array.isArray(checked)) throw new Error('the file changed between validation and writing');
          key = `${validated.labels.get(row.from)}|${checked.type}|${validated.labels.get(row.to)}`;
          stored = { id: checked.id, from: row.from, to: row.to, props: toStored({ ...checked.props, id: checked.id }) };
        }
        const group = groups.get(key) ?? [];
        group.push(stored);
        groups.set(key, group);
        if (group.length >= batchSize) await flush(key);
      }
      for (const key of [...groups.keys()]) await flush(key);
    }
  };

  if (report.transactions === 'one') {
    await db.writeTransaction(async (tx) => {
      resetTally(report);
      written = 0;
      await writeAll((work) => work(tx));
    }, 600_000);
  } else {
    try {
      await writeAll((work) => db.writeTransaction(work, 120_000));
    } catch (error) {
      progress({ phase: 'rolling-back', rows: written, total });
      await rollBackImport(db, importId);
      throw error;
    }
  }
  report.seconds = (Date.now() - started) / 1000;
  return report;
}

function resetTally(report: ImportReport): void {
  report.nodes = { created: 0, updated: 0, unchanged: 0 };
  report.relationships = { created: 0, updated: 0, unchanged: 0 };
  report.batches = 0;
}

const recordedAtOf = (before: Stored | null): string | null => (before?.recordedAt ? String(toPlain(before.recordedAt)) : null);

async function mergeNodes(tx: ManagedTransaction, label: NodeLabel, rows: Stored[], importId: string): Promise<Change[]> {
  const result = await tx.run(splice(q.mergeNodes, { label }), { rows });
  return result.records.map((r) => {
    const before = r.get('before') as Stored | null;
    const after = r.get('after') as Stored;
    return {
      action: before ? 'update' : 'create',
      kind: 'node',
      entityId: r.get('id'),
      entityLabel: label,
      version: Number(after.version),
      before: stateOf(before),
      after: stateOf(after),
      entitySensitivity: highestLevel(r.get('level')),
      importId,
      ref: r.get('ref'),
      beforeVersion: before ? Number(before.version ?? 1) : null,
      beforeRecordedAt: recordedAtOf(before),
    } satisfies Change;
  });
}

async function mergeRelationships(tx: ManagedTransaction, key: string, rows: Stored[], importId: string): Promise<Change[]> {
  const [from, type, to] = key.split('|') as [NodeLabel, RelType, NodeLabel];
  const result = await tx.run(splice(q.mergeRelationships, { from, type, to }), { rows });
  return result.records.map((r) => {
    const before = r.get('before') as Stored | null;
    const after = r.get('after') as Stored;
    return {
      action: before ? 'update' : 'create',
      kind: 'relationship',
      entityId: r.get('id'),
      relType: type,
      fromId: r.get('from'),
      toId: r.get('to'),
      version: Number(after.version),
      before: stateOf(before),
      after: stateOf(after),
      entitySensitivity: highestLevel(r.get('level'), r.get('fromLevel'), r.get('toLevel')),
      importId,
      ref: r.get('ref'),
      beforeVersion: before ? Number(before.version ?? 1) : null,
      beforeRecordedAt: recordedAtOf(before),
    } satisfies Change;
  });
}

/**
 * Undoes every change an import staged (relationships first, then nodes), a batch per
 * transaction, and removes its audit entries. Also the recovery for an import whose process died:
 * DELETE /api/import/:importId.
 */
export async function rollBackImport(db: Database, importId: string, batch = 5_000): Promise<number> {
  let undone = 0;
  for (;;) {
    const n = await db.writeTransaction(async (tx) => {
      const staged = (await tx.run(q.stagedChanges, { importId, limit: neo4jInt(batch) })).records;
      if (staged.length === 0) return 0;
      const rows = staged.map((r) => ({
        kind: r.get('kind') as string,
        ref: r.get('ref') as string,
        entry: r.get('entry') as string,
        before: typeof r.get('before') === 'string' ? toStored(JSON.parse(r.get('before'))) : null,
        beforeVersion: r.get('beforeVersion'),
        beforeRecordedAt: r.get('beforeRecordedAt'),
      }));
      const rels = rows.filter((r) => r.kind === 'relationship');
      const nodes = rows.filter((r) => r.kind === 'node');
      if (rels.length > 0) await tx.run(q.undoRelationships, { rows: rels });
      if (nodes.length > 0) await tx.run(q.undoNodes, { rows: nodes });
      await tx.run(q.dropEntries, { entries: rows.map((r) => r.entry) });
      return rows.length;
    }, 120_000);
    if (n === 0) return undone;
    undone += n;
  }
}
