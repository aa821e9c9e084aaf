import { randomUUID } from 'node:crypto';
import { type NodeLabel, SENSITIVITY } from '@atlas/seed';
import { type ManagedTransaction, Neo4jError } from 'neo4j-driver';
import type { Database } from '../../db/database.js';
import { defineQueries } from '../../db/queries.js';
import { toStored } from '../../db/seedLoader.js';
import { int as neo4jInt, toPlain } from '../../db/values.js';
import { AppError } from '../../errors.js';
import type { Caller } from '../../http/caller.js';
import { type Change, highestLevel, knownLevel, recordChanges, stateOf } from '../audit/record.js';
import { splice } from '../entities/cypherNames.js';
import {
  type HeldElements,
  holdsOn,
  ImportInProgress,
  importsHolding,
  lockUnlessHeld,
  refuseHeldElements,
} from '../entities/importHolds.js';
import { type ImportSource, readRows } from './sources.js';
import { dropTextHolds } from './textHolds.js';
import { type AcceptedRow, guard, ImportValidator, isNewRow, type RelationshipGroup } from './validate.js';

const q = defineQueries('transfer', [
  'mergeNodes',
  'mergeRelationships',
  'createNodes',
  'createRelationships',
  'startImport',
  'recordBatch',
  'importBatches',
  'setImportState',
  'publishNodes',
  'publishRelationships',
  'applyNodeUpdates',
  'applyRelationshipUpdates',
  'dropStaged',
  'dropWritten',
  'dropStagedTies',
  'dropImport',
  'dropRun',
  'lastBatch',
  'importRun',
  'unfinishedImports',
  'undoNodes',
  'undoRelationships',
  'lookUpNodes',
  'lockExistingEnds',
]);

export interface ImportProgress {
  phase: 'staging' | 'publishing' | 'rolling-back';
  rows: number;
  total?: number;
}

export interface ImportOptions {
  caller: Caller;
  by: string;
  batchSize?: number;
  /** Staged elements published per transaction: an import this size or smaller appears at once. */
  publishLimit?: number;
  maxProblems?: number;
  /** Staging transactions open at once (default 2: Neo4j writes one batch per core while the next fills). */
  writers?: number;
  /** Told after each batch; throwing aborts the import and rolls it back. */
  onProgress?: (progress: ImportProgress) => void;
  /**
   * Awaited once everything is staged and validated, just before the commit point (tests hold an
   * import there to look at it from outside); throwing rolls it back.
   */
  beforeCommit?: () => Promise<void>;
  /**
   * Awaited inside each staging batch's write transaction, after its writes and before it commits,
   * so with its locks held (tests interleave other writes with an import there).
   */
  beforeBatchCommit?: (batch: { kind: 'node' | 'relationship'; seq: number }) => Promise<void>;
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
  /** Reading, validating and staging (one pass), publishing, and the whole import. */
  stagingSeconds: number;
  publishSeconds: number;
  seconds: number;
}

type Stored = Record<string, unknown>;

/** A changed element as its batch's audit keeps it: enough to publish the change and to undo it. */
interface Update {
  id: string;
  ref: string;
  before: Stored | null;
  after: Stored;
  beforeVersion: number;
  level: string;
  /** A relationship's ends (ids), for its audit entry. */
  from?: string;
  to?: string;
}

interface Batch {
  kind: 'node' | 'relationship';
  /** The node label, or `from|type|to`. */
  group: string;
  /** Rows the database cannot hold yet (validate.ts, NEW_ROW): created, not merged. */
  fresh: boolean;
  rows: AcceptedRow[];
}

const groupOf = (row: AcceptedRow): string => (row.kind === 'node' ? row.label : `${row.key.from}|${row.key.type}|${row.key.to}`);

/**
 * Imports a spooled source all-or-nothing, crash-safe, in one streaming pass: each row is
 * validated as it is read and written in batches (nodes before the relationships that need them,
 * the next batch filled while the last one is written) as *staged* elements no read can see
 * (sensitivity 'STAGED'); updates of existing elements only wait in the batch's audit. A
 * relationship with an end the import creates is written once, at its real level: it stays
 * invisible while that end is staged (every read requires both ends visible) and appears with it,
 * so publishing skips it (createRelationships.cypher, writtenOnce). A problem
 * anywhere rejects the file: its staged batches are dropped and every problem listed. Otherwise a
 * single commit point (the ImportRun turns 'committed') is followed by publishing: staged
 * elements take their level and updates are applied, `publishLimit` elements per transaction, so
 * an import up to that size appears at once. A process killed before the commit point leaves
 * only invisible staged elements, which recovery drops; one killed after it is published to the
 * end by recovery. See recoverImports.
 */
export async function importGraph(db: Database, source: ImportSource, options: ImportOptions): Promise<ImportReport> {
  const started = Date.now();
  const importId = randomUUID();
  const progress = options.onProgress ?? (() => {});
  const validator = new ImportValidator(db, {
    caller: options.caller,
    maxProblems: options.maxProblems ?? 100,
    prefix: source.format === 'json' ? 'properties.' : '',
    importId,
  });
  const report: ImportReport = {
    importId,
    format: source.format,
    nodes: { created: 0, updated: 0, unchanged: 0 },
    relationships: { created: 0, updated: 0, unchanged: 0 },
    batches: 0,
    stagingSeconds: 0,
    publishSeconds: 0,
    seconds: 0,
  };
  await db.write(q.startImport, {
    importId,
    by: options.by,
    userId: options.caller.userId ?? null,
    clearance: options.caller.clearance ?? null,
    format: source.format,
  });
  const writer = new StagingWriter(db, importId, options, report, () => !validator.failed);
  try {
    await guard(
      (p) => validator.add(p),
      async () => {
        for await (const row of readRows(source)) for (const ready of await validator.accept(row)) await writer.add(ready);
      },
    );
    for (const ready of await validator.finish()) await writer.add(ready);
    await validator.confirmDuplicates(source);
    await writer.finish();
    await validator.checkTexts(source);
    if (validator.failed) throw validator.rejection();
    await options.beforeCommit?.();
  } catch (error) {
    progress({ phase: 'rolling-back', rows: 0 });
    await writer.settled();
    await rollBackImport(db, importId);
    throw error;
  }
  report.stagingSeconds = (Date.now() - started) / 1000;
  const level = writer.level;
  if (report.batches === 0 || writer.changes === 0) {
    await rollBackImport(db, importId);
  } else {
    await db.write(q.setImportState, {
      importId,
      state: 'committed',
      extra: {
        batches: report.batches,
        level,
        nodes: JSON.stringify(report.nodes),
        relationships: JSON.stringify(report.relationships),
        ...networkOf(source),
      },
    });
    await publishImport(db, importId, options.publishLimit ?? 50_000, (rows) =>
      progress({ phase: 'publishing', rows, total: writer.changes }),
    );
  }
  report.seconds = (Date.now() - started) / 1000;
  report.publishSeconds = report.seconds - report.stagingSeconds;
  return report;
}

/**
 * What the import run remembers of a plain network: its name and whether it is directed (true or
 * false when all its ties agree, null when the file mixes both); each tie carries its own.
 */
function networkOf(source: ImportSource): Record<string, unknown> {
  if (!source.network || !source.stats) return {};
  const { directedTies, undirectedTies } = source.stats;
  return { network: source.network.network, directed: undirectedTies === 0 ? true : directedTies === 0 ? false : null };
}

/**
 * Groups accepted rows into batches of one label or one (from, type, to) and stages them, one
 * batch in flight while the next fills; relationship batches go out only after every node row
 * received so far, so their ends exist. Stops writing (but keeps counting) once validation failed.
 */
class StagingWriter {
  private readonly groups = new Map<string, Batch>();
  /** Batches being written, and the node batches among them (a relationship batch waits for those). */
  private readonly running = new Set<Promise<void>>();
  private readonly runningNodes = new Set<Promise<void>>();
  private readonly bySeq = new Map<number, Promise<void>>();
  private failure: unknown = null;
  private seq = 0;
  /** Rows of batches that committed out of order, by seq, until every earlier batch has: progress counts a prefix. */
  private readonly doneAhead = new Map<number, number>();
  private reported = 0;
  private written = 0;
  changes = 0;
  level: string = SENSITIVITY[0];

  constructor(
    private readonly db: Database,
    private readonly importId: string,
    private readonly options: ImportOptions,
    private readonly report: ImportReport,
    private readonly writing: () => boolean,
  ) {}

  async add(row: AcceptedRow): Promise<void> {
    if (!this.writing()) return;
    const group = groupOf(row);
    const fresh = isNewRow(row);
    const key = fresh ? `${group}|new` : group;
    let batch = this.groups.get(key);
    if (!batch) {
      batch = { kind: row.kind, group, fresh, rows: [] };
      this.groups.set(key, batch);
    }
    batch.rows.push(row);
    if (batch.rows.length >= (this.options.batchSize ?? 10_000)) {
      if (row.kind === 'relationship') await this.flushNodes();
      await this.flush(key);
    }
  }

  /** Writes what is left (nodes first) and waits for the last batch. */
  async finish(): Promise<void> {
    if (this.writing()) {
      await this.flushNodes();
      for (const key of [...this.groups.keys()]) await this.flush(key);
    }
    await this.settled();
    if (this.failure) throw this.failure;
  }

  /** Waits for the batches in flight, whatever their outcome (before a rollback). */
  async settled(): Promise<void> {
    await Promise.all([...this.running]);
  }

  private async flushNodes(): Promise<void> {
    for (const [key, batch] of [...this.groups]) if (batch.kind === 'node') await this.flush(key);
  }

  private async flush(key: string): Promise<void> {
    const batch = this.groups.get(key);
    this.groups.delete(key);
    if (!batch || batch.rows.length === 0 || !this.writing()) return;
    // Relationship rows match their ends: every node batch started before must have committed.
    if (batch.kind === 'relationship') await Promise.all([...this.runningNodes]);
    while (this.running.size >= Math.max(1, this.options.writers ?? 2)) await Promise.race(this.running);
    if (this.failure) throw this.failure;
    const seq = this.seq++;
    const writing: Promise<void> = this.stageRetrying(batch, seq)
      .catch((error: unknown) => {
        this.failure ??= error;
      })
      .finally(() => {
        this.running.delete(writing);
        this.runningNodes.delete(writing);
        this.bySeq.delete(seq);
      });
    this.running.add(writing);
    this.bySeq.set(seq, writing);
    if (batch.kind === 'node') this.runningNodes.add(writing);
  }

  /**
   * Two batches writing at once may deadlock on a node both give relationships to (Neo4j then
   * rolls one back; the driver retries that for under a second). The rolled-back batch waits for
   * the others in flight to finish and is written again, up to 5 times.
   */
  private async stageRetrying(batch: Batch, seq: number): Promise<void> {
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.stage(batch, seq);
      } catch (error) {
        if (attempt >= 5 || (error as { code?: string }).code !== 'Neo.TransientError.Transaction.DeadlockDetected') throw error;
        const self = this.bySeq.get(seq);
        await Promise.all([...this.running].filter((other) => other !== self));
      }
    }
  }

  private async stage(batch: Batch, seq: number): Promise<void> {
    const t0 = performance.now();
    let t1 = 0;
    let t2 = 0;
    let tries = 0;
    const { created, updates, level } = await this.db
      .writeTransaction(async (tx) => {
        tries++;
        t1 = performance.now();
        if (batch.kind === 'relationship') await refuseRestrictedTiesToHeld(tx, batch.rows, this.importId);
        const changed =
          batch.kind === 'node'
            ? await stageNodes(tx, batch, this.importId, this.options.caller)
            : await stageRelationships(tx, batch, this.importId, this.options.caller);
        await refuseHeldByOthers(tx, batch.kind, changed.updates, this.importId);
        await tx.run(q.recordBatch, {
          importId: this.importId,
          seq: neo4jInt(seq),
          kind: batch.kind,
          label: batch.kind === 'node' ? batch.group : null,
          relType: batch.kind === 'relationship' ? batch.group.split('|')[1] : null,
          createdIds: changed.created.map((c) => c.id),
          createdRefs: changed.created.map((c) => c.ref),
          updates: changed.updates.length > 0 ? JSON.stringify(changed.updates) : null,
          updatedIds: changed.updates.map((u) => u.id),
          written: writtenOnce(batch),
          level: changed.level,
        });
        await this.options.beforeBatchCommit?.({ kind: batch.kind, seq });
        t2 = performance.now();
        return changed;
      }, 600_000)
      .catch(async (error: unknown) => {
        if (!endGone(error)) throw error;
        throw new ImportConflict(batch.rows, await existingIds((query, params) => this.db.read(query, params), batch.rows));
      });
    // IMPORT_TRACE=1: one line per batch, where its time went (ms): waiting for a session, its statements, its commit.
    if (process.env.IMPORT_TRACE)
      console.log(
        `[trace] ${batch.kind} ${batch.group}${batch.fresh ? ' new' : ''} ${batch.rows.length} open ${(t1 - t0).toFixed(0)} run ${(t2 - t1).toFixed(0)} commit ${(performance.now() - t2).toFixed(0)} tries ${tries} running ${this.running.size}`,
      );
    const tally = batch.kind === 'node' ? this.report.nodes : this.report.relationships;
    tally.created += created.length;
    tally.updated += updates.length;
    tally.unchanged += batch.rows.length - created.length - updates.length;
    this.changes += created.length + updates.length;
    this.level = highestLevel(this.level, level);
    this.report.batches++;
    // Progress is told in batch order (two write at once): "n rows staged" means the first n.
    this.doneAhead.set(seq, batch.rows.length);
    let told = false;
    for (let rows = this.doneAhead.get(this.reported); rows !== undefined; rows = this.doneAhead.get(this.reported)) {
      this.doneAhead.delete(this.reported++);
      this.written += rows;
      told = true;
    }
    if (told) this.options.onProgress?.({ phase: 'staging', rows: this.written });
  }
}

/**
 * Whether a batch's created elements are written once, at their real level, with nothing to
 * publish: relationships with an end this import creates (createRelationships). Nodes, and
 * relationships between two nodes that exist already, are staged and published.
 */
const writtenOnce = (batch: Batch): boolean => batch.kind === 'relationship' && batch.fresh;

interface Staged {
  created: { id: string; ref: string }[];
  updates: Update[];
  /** Highest level among what the batch wrote (and, for relationships, their ends). */
  level: string;
}

const storedRow = (row: AcceptedRow): Stored =>
  row.kind === 'node'
    ? { id: row.id, props: toStored(row.props) }
    : { id: row.id, from: row.from, to: row.to, props: toStored({ ...row.props, id: row.id }) };

/**
 * Another import in flight holds on an element this batch will update (its relationship to it, or
 * its own update of it: importHolds): this import fails whole (ImportInProgress, naming that one),
 * as an edit would be refused, rather than change what that one was checked against, or have one
 * of the two updates skipped as stale when it publishes. The merge queries have locked the
 * elements (an update staged by the other import first is seen here).
 */
async function refuseHeldByOthers(tx: ManagedTransaction, kind: Batch['kind'], updates: Update[], importId: string): Promise<void> {
  if (updates.length === 0) return;
  const others = (
    await importsHolding(
      tx,
      updates.map((u) => u.id),
      kind,
    )
  ).filter((id) => id !== importId);
  if (others.length > 0) {
    const what = `${updates.length === 1 ? `the ${kind}` : `${kind}s`} ${updates
      .slice(0, 5)
      .map((u) => `'${u.id}'`)
      .join(', ')} this import updates`;
    throw new ImportInProgress(what, others, kind === 'node' ? 'nodes' : 'relationships');
  }
}

/**
 * Another import in flight holds on an existing node this batch links to with a relationship
 * above CLEAR (its tie, its update, or its texts checked against the node: importHolds): this
 * import fails whole (ImportInProgress, naming that one), as the editing API refuses such a fact
 * (refuseRestrictedFactAtHeld): that import's texts, published as they are, could state it. The
 * nodes' locks are taken first (lockExistingEnds), so an import or edit holding on them after this
 * check waits for this batch. Only rows above CLEAR by their own level are asked about.
 */
async function refuseRestrictedTiesToHeld(tx: ManagedTransaction, rows: AcceptedRow[], importId: string): Promise<void> {
  const ends = new Set<string>();
  for (const row of rows) {
    if (row.kind !== 'relationship' || (row.props.sensitivity ?? 'CLEAR') === 'CLEAR') continue;
    ends.add(row.from);
    ends.add(row.to);
  }
  if (ends.size === 0) return;
  const existing = (await tx.run(q.lockExistingEnds, { ids: [...ends], importId })).records[0]?.get('ids') as string[];
  const others = (await holdsOn(tx, existing)).filter((h) => h.importId !== importId);
  if (others.length === 0) return;
  const held: string[] = [];
  for (const id of existing) if (held.length < 5 && (await holdsOn(tx, [id])).some((h) => h.importId !== importId)) held.push(id);
  throw new ImportInProgress(
    `${held.map((id) => `'${id}'`).join(', ')}, linked by relationships above CLEAR of this import (a fact its texts could state)`,
    others.map((h) => h.importId),
    'relationships',
    others.flatMap((h) => h.reasons),
  );
}

async function stageNodes(tx: ManagedTransaction, batch: Batch, importId: string, caller: Caller): Promise<Staged> {
  const label = batch.group as NodeLabel;
  const result = await tx.run(splice(batch.fresh ? q.createNodes : q.mergeNodes, { label }), {
    rows: batch.rows.map(storedRow),
    importId,
    allowed: caller.allowed,
  });
  return staged(batch, result.records, () => []);
}

async function stageRelationships(tx: ManagedTransaction, batch: Batch, importId: string, caller: Caller): Promise<Staged> {
  const [from, type, to] = batch.group.split('|') as [RelationshipGroup['from'], RelationshipGroup['type'], RelationshipGroup['to']];
  const result = await tx.run(splice(batch.fresh ? q.createRelationships : q.mergeRelationships, { from, type, to }), {
    rows: batch.rows.map(storedRow),
    importId,
    allowed: caller.allowed,
  });
  // An end validation found is gone (deleted since): created rows come back one each, merged ones say `missing`.
  const gone = batch.fresh ? result.records.length < batch.rows.length : result.records.some((r) => r.get('missing') === true);
  if (gone) throw new ImportConflict(batch.rows, await existingIds((query, params) => tx.run(query, params), batch.rows));
  return staged(batch, result.records, (r) => [r.get('fromLevel'), r.get('toLevel')]);
}

type Run = (query: string, params: Record<string, unknown>) => Promise<{ records: ResultRow[] }>;

/** Which of the rows' nodes (relationships' ends) exist, any import's staged nodes included. */
async function existingIds(run: Run, rows: AcceptedRow[]): Promise<Set<string>> {
  const ids = [...new Set(rows.flatMap((row) => (row.kind === 'relationship' ? [row.from, row.to] : [row.id])))];
  return new Set((await run(q.lookUpNodes, { ids })).records.map((r) => r.get('id') as string));
}

/**
 * Neo4j's answer when a relationship is created to a node another transaction deleted after this
 * one matched it (the delete held the node's lock; the batch waited for it, then found it gone).
 */
const endGone = (error: unknown): boolean => error instanceof Neo4jError && error.code === 'Neo.ClientError.Statement.EntityNotFound';

/**
 * A node that relationship rows link to (or that node rows update) was deleted between
 * validation, which found it, and the write: the import fails whole and is rolled back, rather
 * than published without those rows. `found`: the rows' nodes that still exist; the others are
 * named (none when what went was a relationship the batch updates).
 */
export class ImportConflict extends AppError {
  constructor(rows: AcceptedRow[], found: Set<string>) {
    const nodesOf = (row: AcceptedRow) => (row.kind === 'node' ? [row.id] : [row.from, row.to]);
    const lost = rows.filter((row) => nodesOf(row).some((id) => !found.has(id)));
    const gone = [...new Set(lost.flatMap(nodesOf).filter((id) => !found.has(id)))].map((id) => `'${id}'`).join(', ');
    const nodes = rows[0]?.kind === 'node';
    super(
      409,
      'import-conflict',
      'The import was rolled back; nothing was written',
      lost.length === 0
        ? 'Something it updates was deleted while the import was writing. Import the file again.'
        : `${lost.length} of its ${nodes ? 'nodes update' : 'relationships link to'} ${gone}, deleted while the import was writing. Import the file again.`,
      lost.slice(0, 100).map((row) => ({
        field: `${nodes ? 'nodes' : 'relationships'}.${row.id}`,
        message:
          row.kind === 'node'
            ? 'deleted since the import checked it'
            : `links to ${row.from} and ${row.to}: deleted since the import checked it`,
      })),
    );
  }
}

type ResultRow = { get(key: string): unknown };

/** The created and changed rows a merge returned, the changed ones with what publishing and undo need. */
function staged(batch: Batch, records: ResultRow[], endLevels: (r: ResultRow) => unknown[]): Staged {
  const rows = new Map(batch.rows.map((row) => [row.id, row]));
  const out: Staged = { created: [], updates: [], level: SENSITIVITY[0] };
  for (const r of records) {
    const id = r.get('id') as string;
    const row = rows.get(id) as AcceptedRow;
    const after = row.props as Stored;
    const level = highestLevel(after.sensitivity as string, ...(endLevels(r) as string[]));
    out.level = highestLevel(out.level, level);
    if (r.get('created')) {
      out.created.push({ id, ref: r.get('ref') as string });
      continue;
    }
    const before = r.get('before') as Stored;
    out.level = highestLevel(out.level, before.sensitivity as string);
    out.updates.push({
      id,
      ref: r.get('ref') as string,
      before: stateOf(before),
      after: stateOf(batch.kind === 'relationship' ? { ...after, id } : after) as Stored,
      beforeVersion: Number(toPlain(before.version) ?? 0),
      level,
      ...(row.kind === 'relationship' ? { from: row.from, to: row.to } : {}),
    });
  }
  return out;
}

interface StoredBatch {
  seq: number;
  kind: 'node' | 'relationship';
  /** The node label, or the relationship type, the batch wrote. */
  label: string | null;
  relType: string | null;
  /** Ids and element refs of what it created. */
  createdIds: string[];
  createdRefs: string[];
  updates: Update[];
  /** Its created relationships were written at their real level: nothing to publish (writtenOnce). */
  written: boolean;
}

/** The import's batches, a slice at a time, in order (or in reverse). */
async function* batchesOf(db: Database, importId: string, count: number, reverse = false): AsyncGenerator<StoredBatch> {
  const slice = 20;
  for (let i = 0; i < count; i += slice) {
    const from = reverse ? Math.max(0, count - i - slice) : i;
    const to = reverse ? count - i : Math.min(count, i + slice);
    const result = await db.read(q.importBatches, { importId, from: neo4jInt(from), to: neo4jInt(to) });
    const batches = result.records.map((r) => ({
      seq: Number(r.get('seq')),
      kind: r.get('kind') as 'node' | 'relationship',
      label: r.get('label') as string | null,
      relType: r.get('relType') as string | null,
      createdIds: (r.get('createdIds') as string[]) ?? [],
      createdRefs: (r.get('createdRefs') as string[]) ?? [],
      updates: typeof r.get('updates') === 'string' ? (JSON.parse(r.get('updates') as string) as Update[]) : [],
      written: r.get('written') === true,
    }));
    yield* reverse ? batches.reverse() : batches;
  }
}

async function batchCount(db: Database, importId: string): Promise<number> {
  const r = await db.read(q.lastBatch, { importId });
  const last = r.records[0]?.get('last');
  return last === null || last === undefined ? 0 : Number(last) + 1;
}

/**
 * Publishes a committed import: its staged elements take their levels and its updates are
 * applied, `limit` elements per transaction (idempotent, so recovery may run it again). Slices of
 * new nodes only (no updates, no relationships) go two transactions at once: each locks only its
 * own nodes (and, at its end, the graph version node), so they cannot deadlock. Anything else
 * goes alone, after those in flight: two transactions publishing relationships deadlocked at 1.3M
 * rows (on a shared node), and the driver retries a deadlock for under a second.
 */
export async function publishImport(db: Database, importId: string, limit = 50_000, onRows?: (rows: number) => void): Promise<void> {
  const by = ((await db.read(q.importRun, { importId })).records[0]?.get('by') as string | undefined) ?? 'import';
  let pending: StoredBatch[] = [];
  let size = 0;
  let published = 0;
  /** Elements written once (nothing to publish): counted as published with the next commit. */
  let writtenOnce = 0;
  const inFlight = new Set<Promise<void>>();
  let failure: unknown = null;
  const commit = async () => {
    if (pending.length === 0 && writtenOnce === 0) return;
    const batches = pending;
    const rows = size + writtenOnce;
    pending = [];
    size = 0;
    writtenOnce = 0;
    const nodesOnly = batches.every((b) => b.kind === 'node' && b.updates.length === 0);
    while (inFlight.size >= (nodesOnly ? 2 : 1)) await Promise.race(inFlight);
    if (failure) throw failure;
    const publishing: Promise<void> = (async () => {
      if (batches.length > 0)
        await db.writeTransaction(async (tx) => {
          for (const b of batches) await publishBatch(tx, importId, by, b);
        }, 600_000);
      published += rows;
      onRows?.(published);
    })()
      .catch((error: unknown) => {
        failure ??= error;
      })
      .finally(() => inFlight.delete(publishing));
    inFlight.add(publishing);
    if (!nodesOnly) await publishing;
    if (failure) throw failure;
  };
  try {
    for await (const batch of batchesOf(db, importId, await batchCount(db, importId))) {
      if (batch.written) {
        // Visible as soon as its staged end is published; only its updates (none: it is new) remain.
        writtenOnce += batch.createdRefs.length;
        if (batch.updates.length === 0) continue;
      }
      const n = (batch.written ? 0 : batch.createdRefs.length) + batch.updates.length;
      if (size + n > limit) await commit();
      pending.push(batch);
      size += n;
    }
    await commit();
  } finally {
    await Promise.all([...inFlight]);
  }
  if (failure) throw failure;
  await db.write(q.setImportState, { importId, state: 'done', extra: { publishedAt: new Date().toISOString() } });
  await dropTextHolds(db, importId);
}

/**
 * Publishes one batch: its staged elements take their levels, and each update is applied and
 * gets its audit entry (as an edit does, in the same transaction, so history, GET /api/audit
 * and knownAt exports see it) unless the element changed since it was staged.
 */
async function publishBatch(tx: ManagedTransaction, importId: string, by: string, batch: StoredBatch): Promise<void> {
  const node = batch.kind === 'node';
  if (batch.createdRefs.length > 0 && !batch.written)
    await tx.run(node ? q.publishNodes : q.publishRelationships, { importId, refs: batch.createdRefs });
  if (batch.updates.length === 0) return;
  const rows = batch.updates.map((u) => ({ ref: u.ref, after: toStored(u.after), beforeVersion: neo4jInt(u.beforeVersion) }));
  const result = await tx.run(node ? q.applyNodeUpdates : q.applyRelationshipUpdates, { rows });
  const endLevels = new Map(result.records.map((r) => [r.get('ref') as string, node ? [] : [r.get('fromLevel'), r.get('toLevel')]]));
  const changes = batch.updates.flatMap((u) => {
    const ends = endLevels.get(u.ref);
    return ends ? [updateChange(batch, importId, u, ends as string[])] : [];
  });
  await recordChanges(tx, by, changes);
}

/**
 * An applied import update as the audit trail keeps an edit's: its level includes its ends' levels
 * now, and is none (the entry visible to no one) if one of them is no level (knownLevel).
 */
export function updateChange(batch: StoredBatch, importId: string, u: Update, endLevels: string[]): Change {
  return {
    action: 'update',
    kind: batch.kind,
    entityId: u.id,
    ...(batch.kind === 'node'
      ? { entityLabel: batch.label ?? undefined }
      : { relType: batch.relType ?? undefined, fromId: u.from, toId: u.to }),
    version: u.beforeVersion + 1,
    before: u.before,
    after: u.after,
    entitySensitivity: knownLevel(u.level, ...endLevels),
    importId,
    ref: u.ref,
    beforeVersion: u.beforeVersion,
  };
}

/**
 * Rolls back an import that never committed: drops what it staged and wrote (relationships
 * first: batches in reverse, and a node batch's remaining ties in bounded slices before its
 * nodes) and its batch audit, a batch per transaction, then the run itself. Nothing of it was
 * ever visible: what it wrote at a real level hangs on a staged end.
 */
export async function rollBackImport(db: Database, importId: string): Promise<void> {
  for await (const batch of batchesOf(db, importId, await batchCount(db, importId), true)) {
    if (batch.createdRefs.length === 0) continue;
    if (batch.written) {
      await db.write(q.dropWritten, { importId, refs: batch.createdRefs }, 600_000);
      continue;
    }
    // A node goes after every relationship still attached to it, a bounded slice per transaction.
    if (batch.kind === 'node') {
      for (;;) {
        const r = await db.write(q.dropStagedTies, { importId, refs: batch.createdRefs, limit: neo4jInt(10_000) }, 600_000);
        if (Number(r.records[0]?.get('dropped') ?? 0) === 0) break;
      }
    }
    await db.write(q.dropStaged, { importId, refs: batch.createdRefs }, 600_000);
  }
  for (;;) {
    const r = await db.write(q.dropImport, { importId });
    if (Number(r.records[0]?.get('dropped') ?? 0) === 0) break;
  }
  await dropTextHolds(db, importId);
  await db.write(q.dropRun, { importId });
}

/**
 * Start-up recovery: publishes to the end every import that passed its commit point, and rolls
 * back every one still staging whose heartbeat stopped `staleMs` ago (its process died; another
 * API process sharing the database may be writing a fresher one).
 */
export async function recoverImports(db: Database, staleMs = 300_000): Promise<{ published: number; rolledBack: number }> {
  const runs = await db.read(q.unfinishedImports, { staleMs: neo4jInt(staleMs) });
  let published = 0;
  let rolledBack = 0;
  for (const r of runs.records) {
    const importId = r.get('id') as string;
    if (r.get('state') === 'committed') {
      await publishImport(db, importId);
      published++;
    } else {
      await rollBackImport(db, importId);
      rolledBack++;
    }
  }
  if (published + rolledBack > 0) console.log(`[import] recovery: ${published} imports published, ${rolledBack} rolled back`);
  return { published, rolledBack };
}

/**
 * Runs recovery now and every 5 minutes, for the life of the process. Started with the graph
 * store (graphStore.ts), once per process, not by createApp: an app built on a stand-in database
 * (tests, embedding) has no imports to recover.
 */
export function scheduleImportRecovery(db: Database): void {
  const recover = () => recoverImports(db).catch((error: unknown) => console.error('[import] recovery failed:', error));
  void recover();
  setInterval(recover, 300_000).unref();
}

export class ImportNotFound extends Error {}

/**
 * Undoes a published import (DELETE /api/import/:id). Who: the user who made it, or an admin;
 * and only if the caller's clearance covers the highest level the import wrote. Anyone else is
 * told what an unknown id is told (ImportNotFound), so an import id read in the audit is no
 * handle on data above one's clearance. What: each element the import created or changed goes
 * back to its earlier state only while it still holds the version the import wrote and the
 * caller may see it; what was changed since (or gained relationships the import did not write)
 * is kept and counted. The batch audit stays, the run is marked undone.
 *
 * Not while an import in flight has written a relationship to a node this one created or changed,
 * or will update one of its elements (ImportInProgress, 409, nothing undone): that import is
 * published whole or not at all, so the node is neither deleted from under it nor kept for a
 * relationship that may never be published, and its update is not skipped as stale.
 * Undo runs `limit` elements per transaction, each taking its nodes' locks and checking first, so
 * an import of that size or smaller is undone whole or not at all, race-free; a larger one is
 * checked whole before its first transaction, and an import tying into it between two of them
 * stops it there with the 409 (what was undone stays undone; DELETE again after that import).
 */
export async function undoImport(
  db: Database,
  importId: string,
  caller: Caller,
  limit = 50_000,
): Promise<{ undone: number; kept: number }> {
  const run = (await db.read(q.importRun, { importId })).records[0];
  const allowed = caller.allowed as string[];
  const mayUndo =
    run &&
    run.get('state') === 'done' &&
    (run.get('userId') === caller.userId || caller.role === 'admin') &&
    allowed.includes((run.get('level') as string | null) ?? 'RED');
  if (!mayUndo) throw new ImportNotFound(importId);
  const count = Number(run.get('batches') ?? 0);
  const what = `what import '${importId}' created or changed`;
  // Before anything is changed, the nodes of every transaction but the first are checked too (no locks).
  for await (const batch of batchesOf(db, importId, count, true)) {
    await db.readTransaction((tx) => refuseHeldElements(tx, heldBy([batch]), what, 'params.importId'));
  }
  let undone = 0;
  let total = 0;
  let group: StoredBatch[] = [];
  let size = 0;
  const undoGroup = async () => {
    const batches = group;
    group = [];
    size = 0;
    if (batches.length === 0) return;
    undone += await db.writeTransaction(async (tx) => {
      await lockUnlessHeld(tx, heldBy(batches), what, 'params.importId');
      let n = 0;
      for (const batch of batches) n += await undoBatch(tx, batch, caller);
      return n;
    }, 600_000);
  };
  for await (const batch of batchesOf(db, importId, count, true)) {
    const rows = batch.createdRefs.length + batch.updates.length;
    if (size + rows > limit) await undoGroup();
    group.push(batch);
    size += rows;
    total += rows;
  }
  await undoGroup();
  await db.write(q.setImportState, { importId, state: 'undone', extra: { undoneBy: caller.userId ?? null } });
  return { undone, kept: total - undone };
}

/** What these batches created or changed, as an import in flight may hold on it. */
function heldBy(batches: StoredBatch[]): HeldElements {
  const ids = (kind: StoredBatch['kind']) =>
    batches.flatMap((b) => (b.kind === kind ? [...b.createdIds, ...b.updates.map((u) => u.id)] : []));
  const relationshipRefs = batches.flatMap((b) => (b.kind === 'relationship' ? [...b.createdRefs, ...b.updates.map((u) => u.ref)] : []));
  return { nodeIds: ids('node'), relationshipIds: ids('relationship'), relationshipRefs };
}

/** Undoes one batch's elements (undoNodes, undoRelationships); returns how many went back. */
async function undoBatch(tx: ManagedTransaction, batch: StoredBatch, caller: Caller): Promise<number> {
  const rows = [
    ...batch.createdRefs.map((ref) => ({ ref, version: neo4jInt(1), before: null })),
    ...batch.updates.map((u) => ({ ref: u.ref, version: neo4jInt(u.beforeVersion + 1), before: u.before ? toStored(u.before) : null })),
  ];
  if (rows.length === 0) return 0;
  const result = await tx.run(batch.kind === 'node' ? q.undoNodes : q.undoRelationships, { rows, allowed: caller.allowed });
  return Number(result.records[0]?.get('undone') ?? 0);
}
