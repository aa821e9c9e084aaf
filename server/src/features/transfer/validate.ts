import { randomUUID } from 'node:crypto';
import { NODE_LABELS, type NodeLabel, REL_TYPES, type RelType } from '@atlas/seed';
import type { z } from 'zod';
import type { Database } from '../../db/database.js';
import { defineQueries } from '../../db/queries.js';
import type { FieldProblem } from '../../errors.js';
import { type Caller, seesEverything } from '../../http/caller.js';
import { issuesByField } from '../entities/problems.js';
import { defaultRelationshipId } from '../entities/repository.js';
import { endpointProblem, NODE_SCHEMAS, relationshipSchemaFor, withNodeDefaults, withRelationshipDefaults } from '../entities/schema.js';
import { at, type NodeRow, type RelationshipRow, type Row, type Where } from './format.js';
import { IdDigests } from './idDigests.js';
import { documentProblem, type ImportSource, readRows } from './sources.js';
import { ImportTextCheck } from './textConsistency.js';
import { holdTexts, TextsConflict, visibleProblems } from './textHolds.js';

const q = defineQueries('transfer', ['lookUpNodes']);

export class ImportRejected extends Error {
  constructor(
    readonly problems: FieldProblem[],
    readonly truncated: boolean,
  ) {
    super(`${problems.length}${truncated ? '+' : ''} problems`);
  }
}

/** The typed, defaulted properties of a node row, or its problems. */
export function checkNode(row: NodeRow, prefix: string): { label: NodeLabel; props: Record<string, unknown> } | FieldProblem[] {
  if (row.problems) return row.problems;
  if (!NODE_LABELS.includes(row.label as NodeLabel)) {
    return [{ field: at(row.where, 'label'), message: `'${row.label}' is not a label; one of ${NODE_LABELS.join(', ')}` }];
  }
  const label = row.label as NodeLabel;
  if (row.properties.id !== undefined && row.properties.id !== row.id) {
    return [{ field: at(row.where, `${prefix}id`), message: `differs from the node's id '${row.id}'` }];
  }
  const result = NODE_SCHEMAS[label].safeParse(withNodeDefaults({ ...row.properties, id: row.id }));
  if (!result.success) return zodProblems(result.error, row.where, prefix);
  return { label, props: result.data as Record<string, unknown> };
}

export function checkRelationship(row: RelationshipRow, prefix: string): CheckedRelationship | FieldProblem[] {
  if (row.problems) return row.problems;
  const problems: FieldProblem[] = [];
  if (!REL_TYPES.includes(row.type as RelType)) {
    problems.push({ field: at(row.where, 'type'), message: `'${row.type}' is not a relationship type; one of ${REL_TYPES.join(', ')}` });
  }
  for (const end of ['from', 'to'] as const)
    if (!row[end]) problems.push({ field: at(row.where, end), message: 'the id of a node is required' });
  if (problems.length > 0) return problems;
  const type = row.type as RelType;
  const { id: ownId, ...properties } = row.properties;
  if (ownId !== undefined && row.id !== undefined && ownId !== row.id) {
    return [{ field: at(row.where, `${prefix}id`), message: `differs from the relationship's id '${row.id}'` }];
  }
  const result = relationshipSchemaFor(type).safeParse(withRelationshipDefaults(properties));
  if (!result.success) return zodProblems(result.error, row.where, prefix);
  const props = result.data as Record<string, unknown>;
  const given = row.id ?? (typeof ownId === 'string' ? ownId : undefined);
  const id = given ?? defaultRelationshipId({ type, from: row.from, to: row.to, properties: props });
  return { type, id, idGiven: given !== undefined, props };
}

interface CheckedRelationship {
  type: RelType;
  id: string;
  /** False when the id was made from the row's ends (defaultRelationshipId). */
  idGiven: boolean;
  props: Record<string, unknown>;
}

function zodProblems(error: z.ZodError, where: Where, prefix: string): FieldProblem[] {
  return issuesByField(error).map(({ path, message }) => ({ field: at(where, prefix + path.join('.')), message }));
}

export interface ValidateOptions {
  caller: Caller;
  maxProblems: number;
  /** 'properties.' for the JSON format, where properties sit in their own object; '' for sheets. */
  prefix: string;
  /** The import's own id: nodes it has staged already are its own, not a clash. */
  importId: string;
  /** False for a dry run: the text check reads what it relies on without holding it (textHolds.ts). */
  holdTexts?: boolean;
}

/**
 * Marks an accepted row the database cannot hold yet (a node whose id was free at the look-up, a
 * relationship with such an end): the writer creates it instead of merging. A symbol, so dry-run
 * samples (JSON) do not show it.
 */
export const NEW_ROW = Symbol('new row');
const NEW_NODE = 16;
const asNew = <T extends AcceptedRow>(row: T): T => Object.assign(row, { [NEW_ROW]: true });
export const isNewRow = (row: AcceptedRow): boolean => (row as { [NEW_ROW]?: boolean })[NEW_ROW] === true;

/** A row that passed validation, typed and ready to write. */
export type AcceptedRow =
  | AcceptedNode
  | { kind: 'relationship'; key: RelationshipGroup; id: string; from: string; to: string; props: Record<string, unknown> };

type AcceptedNode = { kind: 'node'; label: NodeLabel; id: string; props: Record<string, unknown> };

/** A node row of the file whose id is not checked against the database yet; null: it had problems. */
interface FileNode {
  id: string;
  label: NodeLabel;
  where: Where;
  accepted: AcceptedNode | null;
}

export interface RelationshipGroup {
  from: NodeLabel;
  type: RelType;
  to: NodeLabel;
}

interface Waiting {
  row: RelationshipRow;
  checked: CheckedRelationship;
}

/** Ids looked up in the database at once; also how many rows may wait for a look-up. */
const LOOKUP_BATCH = 5_000;

/**
 * Validation in the same streaming pass as the writes: each row against its schema, ids unique
 * in the file, levels within the caller's clearance, file ids not taken by a visible node of
 * another label, relationship ends in the file or the database (visible to the caller) and
 * allowed by REL_ENDPOINTS. A row is handed to the writer once it is known good: a node after
 * its id's batched database look-up, a relationship once its ends are known (it may wait for the
 * end of the file when it names a node defined further on). Holds each node id's label and each
 * relationship id, and at most a look-up batch of rows, never the file.
 *
 * Whose ids (issue 12, case 1, as for POST /api/nodes): only a caller who sees every level
 * chooses ids, so for them a file id taken by any other node (for them: another label, or
 * another import's staged node) is refused. For everyone else a file id is a reference local to
 * the file: a row whose id names a node they can see (same label) updates it; any other row
 * creates a node with a server-made id and keeps the file's id in `fileId`, and the file's
 * relationships follow it. A hidden node's id is thereby answered exactly like a free one.
 */
export class ImportValidator {
  readonly problems: FieldProblem[] = [];
  truncated = false;
  nodes = 0;
  relationships = 0;
  /**
   * Node ids of the file: their label's index in NODE_LABELS, plus NEW_NODE once the look-up found
   * the id free (or gave it a server-made id), so the node is created, not merged. A small integer
   * is held in the map's own slot: no object per id.
   */
  private readonly labels = new Map<string, number>();
  /** Digests of the file's relationship ids (8–32 bytes each, not the strings); a repeat is only a maybe. */
  private readonly relIds = new IdDigests();
  /** Relationship ids whose digest came again: confirmDuplicates checks them against the ids. */
  private readonly maybeDuplicates = new Set<string>();
  /** Relationship ends found in the database: their label if the caller may see them, else null. */
  private readonly inDatabase = new Map<string, NodeLabel | null>();
  /** The stored level of every relationship end found in the database, for the text check. */
  private readonly dbLevels = new Map<string, { sensitivity: string }>();
  /** No text may state a fact of the import held at a higher level (seed/src/consistency.ts). */
  private readonly texts = new ImportTextCheck();
  /** Relationship ends in neither the database nor the file so far (the file may define them later). */
  private readonly absent = new Set<string>();
  /** Rows still waiting after the last look-up (forward references), so they do not trigger another. */
  private stuck = 0;
  /** File nodes whose ids still need checking against the database. */
  private fileNodes: FileNode[] = [];
  /** Ids of good file nodes not looked up yet: a relationship to one waits for its final id. */
  private readonly unsettled = new Set<string>();
  /** File ids that became server-made ids (see the class comment). */
  private readonly serverIds = new Map<string, string>();
  private readonly choosesIds: boolean;
  private waiting: Waiting[] = [];
  private readonly allowed: string[];

  constructor(
    private readonly db: Database,
    private readonly options: ValidateOptions,
  ) {
    this.allowed = options.caller.allowed as string[];
    this.choosesIds = seesEverything(options.caller);
  }

  get failed(): boolean {
    return this.problems.length > 0;
  }

  add(more: FieldProblem[]): void {
    for (const p of more) {
      if (this.problems.length < this.options.maxProblems) this.problems.push(p);
      else this.truncated = true;
    }
  }

  /** Checks one row; returns the rows now ready to write (none, this one, or waiting ones). */
  async accept(row: Row): Promise<AcceptedRow[]> {
    const ready = row.kind === 'node' ? this.node(row) : this.relationship(row);
    if (this.fileNodes.length >= LOOKUP_BATCH || this.waiting.length - this.stuck >= LOOKUP_BATCH)
      return [...ready, ...(await this.settle(false))];
    return ready;
  }

  /** After the last row: every pending check, and the rows that waited for it. */
  async finish(): Promise<AcceptedRow[]> {
    return this.settle(true);
  }

  /**
   * The one validation pass after the streaming one, needed only when some fact of the import is
   * above CLEAR: reads the source again and checks every text against the facts held at a higher
   * level than the text (their names and levels were noted during the first pass). Before it, the
   * names of the CLEAR nodes at the ends of relationships above CLEAR are read from the node rows
   * (the first pass kept no names of CLEAR nodes): only until all are found, so with the nodes
   * first in the file the relationships are not read for it.
   *
   * The rows are not checked by their schema again: the first pass accepted every row (else this
   * pass does not run), and the schemas change no text (no defaults of text fields, no
   * transforms), so a row's own properties hold the texts the first pass accepted. A relationship
   * without a level is CLEAR, as its default says.
   */
  async checkTexts(source: ImportSource): Promise<void> {
    if (this.failed) return;
    const inFile = (id: string) => this.labels.has(id);
    const dbIds = [...this.dbLevels.keys()].filter((id) => !inFile(id));
    // Under the nodes' locks, and held from now on: their levels now, and the stored facts around them.
    const held = await holdTexts(this.db, this.options.importId, dbIds, this.options.holdTexts ?? true);
    const changed: { id: string; from: string; to: string }[] = [];
    const dbOnly = new Map<string, { sensitivity: string }>();
    for (const id of dbIds) {
      const then = this.dbLevels.get(id)?.sensitivity as string;
      const now = held.levels.get(id) ?? then;
      if (now !== then) changed.push({ id, from: then, to: now });
      dbOnly.set(id, { sensitivity: now });
    }
    for (const fact of held.facts) {
      this.texts.noteStoredFact(fact.type, fact.from, fact.to, fact.properties, inFile);
      for (const end of [fact.from, fact.to]) if (!inFile(end.id) && !dbOnly.has(end.id)) dbOnly.set(end.id, end);
    }
    const before = this.problems.length;
    await guard(
      (p) => this.add(p),
      () => checkImportTexts(this.texts, source, dbOnly, this.options.prefix, (p) => this.add(visibleProblems(p, this.allowed))),
    );
    const found = this.problems.slice(before);
    const added = held.facts.filter((f) => f.since);
    if (found.length > 0 && (changed.length > 0 || added.length > 0)) throw new TextsConflict(changed, added, found, this.allowed);
  }

  /**
   * Ids unique in the file, for relationships: the streaming pass kept only digests of their ids,
   * so an id whose digest came twice is checked here, reading the source again for those ids
   * only (no second read at all when no digest repeated, the usual case). Every occurrence after
   * the first is a problem, at its row.
   */
  async confirmDuplicates(source: ImportSource): Promise<void> {
    if (this.maybeDuplicates.size === 0) return;
    const seen = new Set<string>();
    await guard(
      (p) => this.add(p),
      async () => {
        for await (const row of readRows(source)) {
          if (row.kind !== 'relationship') continue;
          const checked = checkRelationship(row, this.options.prefix);
          if (Array.isArray(checked) || !this.maybeDuplicates.has(checked.id)) continue;
          if (!seen.has(checked.id)) seen.add(checked.id);
          else this.add([{ field: at(row.where, 'id'), message: `a second relationship with id '${checked.id}' in this import` }]);
        }
      },
    );
    this.maybeDuplicates.clear();
  }

  rejection(): ImportRejected {
    return new ImportRejected(this.problems, this.truncated);
  }

  private node(row: NodeRow): AcceptedRow[] {
    const { prefix } = this.options;
    this.nodes++;
    const checked = checkNode(row, prefix);
    if (Array.isArray(checked)) {
      this.add(checked);
      return [];
    }
    const problems: FieldProblem[] = [];
    if (this.labels.has(row.id))
      problems.push({ field: at(row.where, `${prefix}id`), message: `a second node with id '${row.id}' in this import` });
    if (!this.allowed.includes(checked.props.sensitivity as string)) problems.push(aboveClearance(row.where, prefix));
    this.labels.set(row.id, NODE_LABELS.indexOf(checked.label));
    this.texts.noteNode(row.id, checked.label, checked.props);
    this.add(problems);
    const accepted: AcceptedNode | null =
      problems.length > 0 ? null : { kind: 'node', label: checked.label, id: row.id, props: checked.props };
    if (accepted) this.unsettled.add(row.id);
    this.fileNodes.push({ id: row.id, label: checked.label, where: row.where, accepted });
    return [];
  }

  /** A looked-up file node: refused, kept with its id, or given a server-made one (class comment). */
  private settleNode(node: FileNode, ref: { label: NodeLabel; sensitivity: string } | undefined): AcceptedNode | null {
    this.unsettled.delete(node.id);
    const visible = ref !== undefined && this.allowed.includes(ref.sensitivity);
    const otherLabel = ref !== undefined && ref.label !== node.label;
    // Only a clash the caller can see is refused (a caller who sees every level sees them all).
    const taken = this.choosesIds ? ref !== undefined && (otherLabel || !visible) : visible && otherLabel;
    if (taken) {
      this.add([{ field: at(node.where, `${this.options.prefix}id`), message: `id '${node.id}' is already taken by another node` }]);
      return null;
    }
    if (!node.accepted) return null;
    if (this.choosesIds || visible) {
      if (ref === undefined) this.markNew(node.id);
      return ref === undefined ? asNew(node.accepted) : node.accepted;
    }
    const id = `${node.label.toLowerCase()}-${randomUUID()}`;
    this.serverIds.set(node.id, id);
    this.markNew(node.id);
    // A network's row already names its file's own id (transfer/network/mapping.ts): keep that one.
    const fileId = node.accepted.props.fileId ?? node.id;
    return asNew({ ...node.accepted, id, props: { ...node.accepted.props, id, fileId } });
  }

  private markNew(fileId: string): void {
    const code = this.labels.get(fileId);
    if (code !== undefined) this.labels.set(fileId, code | NEW_NODE);
  }

  private relationship(row: RelationshipRow): AcceptedRow[] {
    this.relationships++;
    const checked = checkRelationship(row, this.options.prefix);
    if (Array.isArray(checked)) {
      this.add(checked);
      return [];
    }
    const problems: FieldProblem[] = [];
    if (this.relIds.add(checked.id)) this.maybeDuplicates.add(checked.id);
    if (!this.allowed.includes(checked.props.sensitivity as string)) problems.push(aboveClearance(row.where, this.options.prefix));
    this.texts.noteRelationship(checked.type, row.from, row.to, checked.props, (id) => this.labels.has(id));
    if (problems.length > 0) {
      this.add(problems);
      return [];
    }
    const ready = this.ends({ row, checked }, false);
    if (ready === 'wait') {
      this.waiting.push({ row, checked });
      return [];
    }
    return ready ? [ready] : [];
  }

  /** The row ready to write, null if an end is wrong (problem added), or 'wait' for a look-up. */
  private ends({ row, checked }: Waiting, final: boolean): AcceptedRow | null | 'wait' {
    if (this.unsettled.has(row.from) || this.unsettled.has(row.to)) return 'wait';
    const from = this.labelOf(row.from);
    const to = this.labelOf(row.to);
    if ((from === undefined || to === undefined) && !final) return 'wait';
    const problems: FieldProblem[] = [];
    if (!from) problems.push({ field: at(row.where, 'from'), message: `no node with id '${row.from}' in the import or the database` });
    if (!to) problems.push({ field: at(row.where, 'to'), message: `no node with id '${row.to}' in the import or the database` });
    const problem = from && to ? endpointProblem(checked.type, from, to) : null;
    if (problem) problems.push({ field: at(row.where, 'type'), message: problem });
    if (problems.length > 0 || !from || !to) {
      this.add(problems);
      return null;
    }
    const fromId = this.serverIds.get(row.from) ?? row.from;
    const toId = this.serverIds.get(row.to) ?? row.to;
    const moved = fromId !== row.from || toId !== row.to;
    const id =
      moved && !checked.idGiven
        ? defaultRelationshipId({ type: checked.type, from: fromId, to: toId, properties: checked.props })
        : checked.id;
    const accepted: AcceptedRow = {
      kind: 'relationship',
      key: { from, type: checked.type, to },
      id,
      from: fromId,
      to: toId,
      props: checked.props,
    };
    // A relationship with an end this import creates cannot exist yet: it is created, not merged.
    return this.isNew(row.from) || this.isNew(row.to) ? asNew(accepted) : accepted;
  }

  private isNew(fileId: string): boolean {
    return ((this.labels.get(fileId) ?? 0) & NEW_NODE) !== 0;
  }

  /** A node id's label: from the file, else from the database if visible; undefined: not known yet. */
  private labelOf(id: string): NodeLabel | null | undefined {
    const code = this.labels.get(id);
    if (code !== undefined) return NODE_LABELS[code & ~NEW_NODE] as NodeLabel;
    return this.absent.has(id) ? undefined : this.inDatabase.get(id);
  }

  /**
   * Looks up the ids pending (file nodes, unknown relationship ends) in the database and settles
   * the rows that waited for them. Until `final`, a relationship whose end is in neither the file
   * so far nor the database keeps waiting: the file may define that node further on.
   */
  private async settle(final: boolean): Promise<AcceptedRow[]> {
    const unknown = new Set<string>(this.fileNodes.map((n) => n.id));
    for (const { row } of this.waiting)
      for (const end of [row.from, row.to]) if (this.labelOf(end) === undefined && !this.absent.has(end)) unknown.add(end);
    const found = await this.lookUp([...unknown]);
    const ready: AcceptedRow[] = [];
    for (const node of this.fileNodes) {
      const accepted = this.settleNode(node, found.get(node.id));
      if (accepted) ready.push(accepted);
    }
    this.fileNodes = [];
    for (const id of unknown) {
      if (this.labels.has(id)) continue;
      const ref = found.get(id);
      if (ref) {
        this.inDatabase.set(id, this.allowed.includes(ref.sensitivity) ? ref.label : null);
        this.dbLevels.set(id, { sensitivity: ref.sensitivity });
      } else this.absent.add(id);
    }
    const still: Waiting[] = [];
    for (const w of this.waiting) {
      const result = this.ends(w, final);
      if (result === 'wait') still.push(w);
      else if (result) ready.push(result);
    }
    this.waiting = still;
    this.stuck = still.length;
    return ready;
  }

  /** Nodes by id in the database, except those this import staged itself. */
  private async lookUp(ids: string[]): Promise<Map<string, { label: NodeLabel; sensitivity: string }>> {
    const found = new Map<string, { label: NodeLabel; sensitivity: string }>();
    for (let i = 0; i < ids.length; i += 10_000) {
      const result = await this.db.read(q.lookUpNodes, { ids: ids.slice(i, i + 10_000) });
      for (const r of result.records) {
        if (r.get('importId') === this.options.importId) continue;
        found.set(r.get('id'), { label: r.get('label'), sensitivity: r.get('sensitivity') });
      }
    }
    return found;
  }
}

const aboveClearance = (where: Where, prefix: string): FieldProblem => ({
  field: at(where, `${prefix}sensitivity`),
  message: 'above your clearance: you could not see what you imported',
});

/**
 * The text check after the first pass (ImportValidator.checkTexts): the CLEAR ends' names, then
 * every row's texts. `dbOnly`: the stored level of the ids only the database holds.
 */
export async function checkImportTexts(
  texts: ImportTextCheck,
  source: ImportSource,
  dbOnly: ReadonlyMap<string, { sensitivity: string }>,
  prefix: string,
  add: (p: FieldProblem[]) => void,
): Promise<void> {
  const started = performance.now();
  const needed = texts.namesNeeded(dbOnly);
  const asked = needed.size;
  let read = 0;
  if (needed.size > 0) {
    for await (const row of readRows(source)) {
      read++;
      if (row.kind !== 'node' || !needed.delete(row.id)) continue;
      texts.noteNames(row.id, row.properties);
      if (needed.size === 0) break;
    }
  }
  const named = performance.now();
  const active = texts.prepare(dbOnly);
  const prepared = performance.now();
  if (active) {
    for await (const row of readRows(source)) {
      if (row.kind === 'node') {
        add(texts.nodeProblems(row.id, row.properties, row.where, prefix));
        continue;
      }
      const rel = { type: row.type as RelType, from: row.from, to: row.to, properties: row.properties };
      add(texts.relationshipProblems(rel, row.where, prefix));
    }
  }
  // IMPORT_TRACE=1: where the text check's time went (ms).
  if (process.env.IMPORT_TRACE)
    console.log(
      `[trace] text check: names of ${asked} CLEAR ends (${read} rows read) ${(named - started).toFixed(0)} prepare ${(prepared - named).toFixed(0)} texts ${(performance.now() - prepared).toFixed(0)}`,
    );
}

export async function guard(add: (p: FieldProblem[]) => void, work: () => Promise<void>): Promise<void> {
  try {
    await work();
  } catch (error) {
    const problem = documentProblem(error);
    if (!problem) throw error;
    add([problem]);
  }
}
