import { randomUUID } from 'node:crypto';
import { type NodeLabel, type RelType, SENSITIVITY, type Sensitivity } from '@atlas/seed';
import type { ManagedTransaction } from 'neo4j-driver';
import type { Database } from '../../db/database.js';
import { defineQueries } from '../../db/queries.js';
import { toStored } from '../../db/seedLoader.js';
import { AppError } from '../../errors.js';
import { type Caller, seesEverything } from '../../http/caller.js';
import { type Change, highestLevel, knownLevel, recordChanges, stateOf } from '../audit/record.js';
import { splice } from './cypherNames.js';
import { refuseHeld, refuseRestrictedFactAtHeld } from './importHolds.js';
import { applyPatch, type NodeEntity, type Props, type RelationshipEntity, toNodeEntity, toRelationshipEntity } from './model.js';
import { fieldProblems, invalid, VersionConflict } from './problems.js';
import {
  endpointProblem,
  NODE_SCHEMAS,
  RelationshipPropertiesPatch,
  relationshipSchemaFor,
  withNodeDefaults,
  withRelationshipDefaults,
} from './schema.js';
import { withConsistentTexts } from './textConsistency.js';

const q = defineQueries('entities', [
  'nodeGet',
  'nodeLock',
  'nodeCreate',
  'nodeUpdate',
  'nodeRelationships',
  'nodeDelete',
  'nodesById',
  'relGet',
  'relLock',
  'relCreate',
  'relUpdate',
  'relDelete',
  'relBetween',
  'nodeRestrict',
]);

export interface Editor {
  caller: Caller;
  by: string;
}

const visibleTo = (caller: Caller, level: unknown) => caller.allowed.includes(level as Caller['allowed'][number]);

function validNode(label: NodeLabel, props: Props, prefix: string): Props {
  const result = NODE_SCHEMAS[label].safeParse(props);
  if (!result.success) throw invalid(fieldProblems(result.error, prefix));
  return result.data as Props;
}

function validRelationship(type: RelType, props: Props, prefix: string): Props {
  const result = relationshipSchemaFor(type).safeParse(props);
  if (!result.success) throw invalid(fieldProblems(result.error, prefix));
  return result.data as Props;
}

// ---- nodes ----------------------------------------------------------------------------------

export async function getNode(db: Database, caller: Caller, label: NodeLabel, id: string): Promise<NodeEntity> {
  const result = await db.read(splice(q.nodeGet, { label }), { id, allowed: caller.allowed });
  const row = result.records[0];
  if (!row) throw AppError.notFound(label, id);
  return toNodeEntity(label, row.get('props'));
}

/**
 * Who may choose an id. Ids are unique across the whole graph, so a chosen id that collides with
 * a hidden entity would answer differently from a free one (409 against 201) and tell the caller
 * that something exists above their clearance. Only a caller who sees every level (for whom no
 * collision is news) chooses ids; everyone else gets an unguessable server-made id, and a sent
 * id is refused the same way whatever exists, so the answer never depends on hidden data.
 */
function assignedId(caller: Caller, given: unknown, prefix: string): string {
  if (given === undefined) return `${prefix}-${randomUUID()}`;
  if (!seesEverything(caller)) {
    throw invalid([{ field: 'body.id', message: 'only callers with RED clearance choose ids; leave id out and the server assigns one' }]);
  }
  return given as string;
}

export async function createNode(db: Database, editor: Editor, label: NodeLabel, body: Props): Promise<NodeEntity> {
  return db.writeTransaction((tx) => createNodeIn(tx, editor, label, body));
}

/** createNode inside a caller's write transaction, so a larger change (a reviewed proposal) lands whole or not at all. */
export async function createNodeIn(tx: ManagedTransaction, editor: Editor, label: NodeLabel, body: Props): Promise<NodeEntity> {
  const id = assignedId(editor.caller, body.id, label.toLowerCase());
  const props = validNode(label, withNodeDefaults({ ...body, id }), 'body');
  if (!visibleTo(editor.caller, props.sensitivity)) throw beyondClearance('body.sensitivity');
  const element = { kind: 'node', id, label, properties: props, level: props.sensitivity as Sensitivity } as const;
  const created = await withConsistentTexts(tx, editor.caller, element, { texts: 'body', level: 'body.sensitivity' }, async () => {
    return (await tx.run(splice(q.nodeCreate, { label }), { props: toStored(props) })).records[0]?.get('props') as Props;
  });
  const entity = toNodeEntity(label, created);
  await recordChanges(tx, editor.by, [nodeChange('create', label, null, entity)]);
  return entity;
}

/** Locks the node, then checks it is visible and at the version the client read. */
async function lockNode(tx: ManagedTransaction, caller: Caller, label: NodeLabel, id: string, version: number): Promise<NodeEntity> {
  const row = (await tx.run(splice(q.nodeLock, { label }), { id })).records[0];
  if (!row) throw AppError.notFound(label, id);
  const current = toNodeEntity(label, row.get('props'));
  if (!visibleTo(caller, current.properties.sensitivity)) throw AppError.notFound(label, id);
  if (current.version !== version) throw new VersionConflict(current, version);
  return current;
}

export async function updateNode(
  db: Database,
  editor: Editor,
  label: NodeLabel,
  id: string,
  version: number,
  patch: Props,
): Promise<NodeEntity> {
  return db.writeTransaction((tx) => updateNodeIn(tx, editor, label, id, version, patch));
}

/** updateNode inside a caller's write transaction. */
export async function updateNodeIn(
  tx: ManagedTransaction,
  editor: Editor,
  label: NodeLabel,
  id: string,
  version: number,
  patch: Props,
): Promise<NodeEntity> {
  // What names the node (its relationships' default ids, its history, imports' files) stays put.
  if (patch.id !== undefined && patch.id !== id)
    throw invalid([{ field: 'body.properties.id', message: "a node's id cannot change; create a new node (and delete this one) instead" }]);
  const current = await lockNode(tx, editor.caller, label, id, version);
  await refuseHeld(tx, [id], `${label} '${id}'`);
  const next = validNode(label, applyPatch(current.properties, patch), 'body.properties');
  if (!visibleTo(editor.caller, next.sensitivity)) throw beyondClearance('body.properties.sensitivity');
  const element = { kind: 'node', id, label, properties: next, level: next.sensitivity as Sensitivity } as const;
  const fields = { texts: 'body.properties', level: 'body.properties.sensitivity' };
  const stored = await withConsistentTexts(tx, editor.caller, element, fields, async () => {
    const row = (await tx.run(splice(q.nodeUpdate, { label }), { id, props: toStored(next), version: version + 1 })).records[0];
    return row?.get('props') as Props;
  });
  const updated = toNodeEntity(label, stored);
  await recordChanges(tx, editor.by, [nodeChange('update', label, current, updated)]);
  return updated;
}

/**
 * Deleting a node the caller sees. Its ties the caller cannot see are facts the caller may not
 * destroy (nor learn of): instead of refusing (which would tell them the ties exist), the node
 * is lifted to the lowest level of those ties, so it disappears for the caller and everyone at
 * their level exactly as if deleted (204, a 'delete' in their audit), while the hidden ties stay
 * whole for those cleared to see them, with an audit entry at that level saying what happened.
 * A node an import in flight wrote a relationship to is not deleted at all (ImportInProgress,
 * 409): that relationship is the import's, published with it or rolled back with it, never
 * dropped here unseen; and so every relationship a delete removes has its audit entry.
 */
export async function deleteNode(db: Database, editor: Editor, label: NodeLabel, id: string, version: number): Promise<void> {
  await db.writeTransaction((tx) => deleteNodeIn(tx, editor, label, id, version));
}

/**
 * deleteNode inside a caller's write transaction. Race-free against an import tying to the node:
 * the check follows the node's lock, and Neo4j takes a relationship's end locks when it commits,
 * so an import's relationship committed first is seen; one still uncommitted makes the DETACH
 * DELETE wait for it, and of the two transactions Neo4j rolls one back as a deadlock: this one is
 * run again by the driver (and then refused), or the import's batch is, and finds the node gone
 * (transfer/importer.ts, ImportConflict).
 */
export async function deleteNodeIn(tx: ManagedTransaction, editor: Editor, label: NodeLabel, id: string, version: number): Promise<void> {
  const current = await lockNode(tx, editor.caller, label, id, version);
  await refuseHeld(tx, [id], `${label} '${id}'`);
  const read = (await tx.run(splice(q.nodeRelationships, { label }), { id })).records.map((r) => {
    const tie = readRelationship(r) as LockedRelationship;
    return { tie, level: levelOf(tie) };
  });
  // A tie at no level is visible to no one (refuseHeld above let no import's tie through).
  const ties = read.filter((t): t is { tie: LockedRelationship; level: Sensitivity } => t.level !== null);
  const visible = ties.filter((t) => visibleTo(editor.caller, t.level));
  const hidden = ties.filter((t) => !visibleTo(editor.caller, t.level));
  const relChanges = visible.map(({ tie, level }) => relationshipChange('delete', tie.rel, null, level));
  if (hidden.length === 0) {
    await tx.run(splice(q.nodeDelete, { label }), { id });
    await recordChanges(tx, editor.by, [...relChanges, nodeChange('delete', label, current, null)]);
    return;
  }
  const keptAt = lowestLevel(hidden.map((t) => t.level));
  const stored = (
    await tx.run(splice(q.nodeRestrict, { label }), {
      id,
      allowed: editor.caller.allowed,
      sensitivity: keptAt,
      version: current.version + 1,
    })
  ).records[0]?.get('props') as Props;
  const kept = toNodeEntity(label, stored);
  await recordChanges(tx, editor.by, [
    ...relChanges,
    // The caller's level sees a plain delete; the level that keeps the node sees why it stayed.
    { ...nodeChange('delete', label, current, null), restamp: false },
    { ...nodeChange('update', label, current, kept), restamp: false },
  ]);
}

function nodeChange(action: Change['action'], label: NodeLabel, before: NodeEntity | null, after: NodeEntity | null): Change {
  const entity = (after ?? before) as NodeEntity;
  return {
    action,
    kind: 'node',
    entityId: entity.id,
    entityLabel: label,
    version: entity.version,
    before: stateOf(before?.properties ?? null),
    after: stateOf(after?.properties ?? null),
    entitySensitivity: highestLevel(entity.properties.sensitivity as string),
  };
}

function relationshipChange(
  action: Change['action'],
  before: RelationshipEntity | null,
  after: RelationshipEntity | null,
  entitySensitivity: Change['entitySensitivity'],
): Change {
  const rel = (after ?? before) as RelationshipEntity;
  return {
    action,
    kind: 'relationship',
    entityId: rel.id,
    relType: rel.type,
    fromId: rel.from,
    toId: rel.to,
    version: rel.version,
    before: stateOf(before?.properties ?? null),
    after: stateOf(after?.properties ?? null),
    entitySensitivity,
  };
}

const lowestLevel = (levels: Sensitivity[]): Sensitivity =>
  SENSITIVITY[Math.min(...levels.map((l) => SENSITIVITY.indexOf(l)))] as Sensitivity;

function beyondClearance(field: string): AppError {
  return invalid([{ field, message: 'a level above your clearance: you could not see the entity afterwards' }]);
}

// ---- relationships --------------------------------------------------------------------------

export interface NodeRef {
  id: string;
  label: NodeLabel;
  sensitivity: string;
}

/** Label and level of nodes by id (through the per-label indexes). */
export async function findNodes(tx: ManagedTransaction, ids: string[]): Promise<Map<string, NodeRef>> {
  const result = await tx.run(q.nodesById, { ids });
  return new Map(
    result.records.map((r) => [r.get('id') as string, { id: r.get('id'), label: r.get('label'), sensitivity: r.get('sensitivity') }]),
  );
}

interface LockedRelationship {
  rel: RelationshipEntity;
  /** Levels of the two ends: a relationship is only as visible as its most restricted end. */
  ends: [string, string];
}

function readRelationship(row: { get(key: string): unknown } | undefined): LockedRelationship | null {
  if (!row) return null;
  const rel = toRelationshipEntity(
    row.get('type') as RelType,
    row.get('from') as string,
    row.get('to') as string,
    row.get('props') as Props,
  );
  return { rel, ends: [row.get('fromSensitivity') as string, row.get('toSensitivity') as string] };
}

const levelOf = ({ rel, ends }: LockedRelationship, sensitivity = rel.properties.sensitivity as string) =>
  relationshipLevel(sensitivity, ends);

/**
 * The level a relationship is visible at: the highest of its own and its two ends' (absent: CLEAR).
 * Null when one of them is no level at all, such as an import's 'STAGED' (knownLevel): visible to
 * no one. Every read's Cypher already skips those; this keeps a query that forgot from reading one
 * as CLEAR.
 */
export function relationshipLevel(
  sensitivity: string | null | undefined,
  ends: readonly (string | null | undefined)[],
): Sensitivity | null {
  return knownLevel(sensitivity, ...ends);
}

/** Locks a relationship (see nodeLock) and returns it if the caller may see it and both its ends. */
async function lockRelationship(tx: ManagedTransaction, caller: Caller, id: string): Promise<LockedRelationship> {
  const locked = readRelationship((await tx.run(q.relLock, { id })).records[0]);
  if (!locked || !visibleTo(caller, levelOf(locked))) throw AppError.notFound('Relationship', id);
  return locked;
}

export async function getRelationship(db: Database, caller: Caller, id: string): Promise<RelationshipEntity> {
  const found = readRelationship((await db.read(q.relGet, { id })).records[0]);
  if (!found || !visibleTo(caller, levelOf(found))) throw AppError.notFound('Relationship', id);
  return found.rel;
}

export interface RelationshipInput {
  type: RelType;
  id?: string | undefined;
  from: string;
  to: string;
  properties: Props;
}

/** The seed's id scheme, so an edge made through the API looks like one from the seed. */
export const defaultRelationshipId = (input: RelationshipInput): string =>
  `${input.from}|${input.type}${typeof input.properties.role === 'string' ? `:${input.properties.role}` : ''}|${input.to}`;

export async function createRelationship(db: Database, editor: Editor, input: RelationshipInput): Promise<RelationshipEntity> {
  return db.writeTransaction((tx) => createRelationshipIn(tx, editor, input));
}

/** createRelationship inside a caller's write transaction. */
export async function createRelationshipIn(tx: ManagedTransaction, editor: Editor, input: RelationshipInput): Promise<RelationshipEntity> {
  const props = validRelationship(input.type, withRelationshipDefaults(input.properties), 'body.properties');
  // The seed's readable id scheme only for callers who see everything (see assignedId).
  const id =
    input.id === undefined && seesEverything(editor.caller) ? defaultRelationshipId(input) : assignedId(editor.caller, input.id, 'rel');
  const nodes = await findNodes(tx, [input.from, input.to]);
  const from = nodes.get(input.from);
  const to = nodes.get(input.to);
  const missing = [
    ...(from && visibleTo(editor.caller, from.sensitivity)
      ? []
      : [{ field: 'body.from', message: `no node with id '${input.from}' is visible to you` }]),
    ...(to && visibleTo(editor.caller, to.sensitivity)
      ? []
      : [{ field: 'body.to', message: `no node with id '${input.to}' is visible to you` }]),
  ];
  if (missing.length > 0 || !from || !to)
    throw new AppError(404, 'not-found', 'Node not found', missing.map((m) => m.message).join('; '), missing);
  const problem = endpointProblem(input.type, from.label, to.label);
  if (problem) throw invalid([{ field: 'body.type', message: problem }]);
  const level = highestLevel(props.sensitivity as string, from.sensitivity, to.sensitivity);
  if (!visibleTo(editor.caller, level)) throw beyondClearance('body.properties.sensitivity');
  await refuseRestrictedFactAtHeld(tx, { type: input.type, from: input.from, to: input.to, level }, 'body.properties.sensitivity');
  await refuseVisibleDuplicate(tx, editor.caller, input, from.label, to.label);
  if ((await tx.run(q.relLock, { id })).records.length > 0) {
    throw new AppError(
      409,
      'conflict',
      'The change conflicts with existing data',
      `A relationship with id '${id}' already exists; send another id.`,
    );
  }
  const element = { kind: 'relationship', id, type: input.type, from: input.from, to: input.to, properties: props, level } as const;
  const fields = { texts: 'body.properties', level: 'body.properties.sensitivity' };
  const stored = await withConsistentTexts(tx, editor.caller, element, fields, async () => {
    const created = await tx.run(splice(q.relCreate, { from: from.label, to: to.label, type: input.type }), {
      from: input.from,
      to: input.to,
      props: toStored({ ...props, id }),
    });
    return created.records[0]?.get('props') as Props;
  });
  const rel = toRelationshipEntity(input.type, input.from, input.to, stored);
  await recordChanges(tx, editor.by, [relationshipChange('create', null, rel, level)]);
  return rel;
}

/** The same fact twice is refused when the caller can see the first; a hidden one is not revealed. */
async function refuseVisibleDuplicate(
  tx: ManagedTransaction,
  caller: Caller,
  input: RelationshipInput,
  fromLabel: NodeLabel,
  toLabel: NodeLabel,
): Promise<void> {
  const role = typeof input.properties.role === 'string' ? input.properties.role : null;
  const rows = (
    await tx.run(splice(q.relBetween, { from: fromLabel, to: toLabel, type: input.type }), { from: input.from, to: input.to, role })
  ).records;
  const seen = rows.find((r) => visibleTo(caller, r.get('sensitivity')));
  if (seen) {
    throw new AppError(
      409,
      'conflict',
      'The change conflicts with existing data',
      `This ${input.type} from '${input.from}' to '${input.to}' already exists as '${seen.get('id')}'; change that one instead.`,
    );
  }
}

export async function updateRelationship(
  db: Database,
  editor: Editor,
  id: string,
  version: number,
  patch: Props,
): Promise<RelationshipEntity> {
  const shape = RelationshipPropertiesPatch.safeParse(patch);
  if (!shape.success) throw invalid(fieldProblems(shape.error, 'body.properties'));
  return db.writeTransaction(async (tx) => {
    const locked = await lockRelationship(tx, editor.caller, id);
    const { rel } = locked;
    if (rel.version !== version) throw new VersionConflict(rel, version);
    await refuseHeld(tx, [id], `relationship '${id}'`, 'relationship');
    const next = validRelationship(rel.type, applyPatch(withoutId(rel.properties), shape.data as Props), 'body.properties');
    const level = levelOf(locked, next.sensitivity as string);
    if (level === null || !visibleTo(editor.caller, level)) throw beyondClearance('body.properties.sensitivity');
    if (restatesFact(rel.properties, next, levelOf(locked), level))
      await refuseRestrictedFactAtHeld(tx, { type: rel.type, from: rel.from, to: rel.to, level }, 'body.properties.sensitivity');
    const element = { kind: 'relationship', id, type: rel.type, from: rel.from, to: rel.to, properties: next, level } as const;
    const fields = { texts: 'body.properties', level: 'body.properties.sensitivity' };
    const stored = await withConsistentTexts(tx, editor.caller, element, fields, async () => {
      const row = (await tx.run(splice(q.relUpdate, { type: rel.type }), { id, props: toStored({ ...next, id }), version: version + 1 }))
        .records[0];
      return row?.get('props') as Props;
    });
    const updated = toRelationshipEntity(rel.type, rel.from, rel.to, stored);
    await recordChanges(tx, editor.by, [relationshipChange('update', rel, updated, level)]);
    return updated;
  });
}

/**
 * Whether an update makes the relationship a fact a text could newly state above its level: a
 * higher level, or other evidence (quotes) or role, which a text is matched against.
 */
function restatesFact(before: Props, after: Props, beforeLevel: Sensitivity | null, afterLevel: Sensitivity): boolean {
  const rank = (level: Sensitivity | null) => (level === null ? -1 : SENSITIVITY.indexOf(level));
  return (
    rank(afterLevel) > rank(beforeLevel) ||
    JSON.stringify(before.quotes ?? null) !== JSON.stringify(after.quotes ?? null) ||
    before.role !== after.role
  );
}

export async function deleteRelationship(db: Database, editor: Editor, id: string, version: number): Promise<void> {
  await db.writeTransaction(async (tx) => {
    const locked = await lockRelationship(tx, editor.caller, id);
    if (locked.rel.version !== version) throw new VersionConflict(locked.rel, version);
    await refuseHeld(tx, [id], `relationship '${id}'`, 'relationship');
    await tx.run(splice(q.relDelete, { type: locked.rel.type }), { id });
    // lockRelationship let only a relationship at a level through.
    await recordChanges(tx, editor.by, [relationshipChange('delete', locked.rel, null, levelOf(locked) as Sensitivity)]);
  });
}

const withoutId = ({ id: _id, ...rest }: Props): Props => rest;
