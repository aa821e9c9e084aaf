import type { NodeLabel, RelType } from '@atlas/seed';
import type { ManagedTransaction } from 'neo4j-driver';
import type { Database } from '../../db/database.js';
import { defineQueries } from '../../db/queries.js';
import { toStored } from '../../db/seedLoader.js';
import { AppError } from '../../errors.js';
import type { Caller } from '../../http/caller.js';
import { type Change, highestLevel, recordChanges, stateOf } from '../audit/record.js';
import { splice } from './cypherNames.js';
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

export async function createNode(db: Database, editor: Editor, label: NodeLabel, body: Props): Promise<NodeEntity> {
  return db.writeTransaction((tx) => createNodeIn(tx, editor, label, body));
}

/** createNode inside a caller's write transaction, so a larger change (a reviewed proposal) lands whole or not at all. */
export async function createNodeIn(tx: ManagedTransaction, editor: Editor, label: NodeLabel, body: Props): Promise<NodeEntity> {
  const props = validNode(label, withNodeDefaults(body), 'body');
  if (!visibleTo(editor.caller, props.sensitivity)) throw beyondClearance('body.sensitivity');
  const created = (await tx.run(splice(q.nodeCreate, { label }), { props: toStored(props) })).records[0]?.get('props') as Props;
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
  const current = await lockNode(tx, editor.caller, label, id, version);
  const next = validNode(label, applyPatch(current.properties, patch), 'body.properties');
  if (!visibleTo(editor.caller, next.sensitivity)) throw beyondClearance('body.properties.sensitivity');
  const stored = (await tx.run(splice(q.nodeUpdate, { label }), { id, props: toStored(next), version: version + 1 })).records[0]?.get(
    'props',
  ) as Props;
  const updated = toNodeEntity(label, stored);
  await recordChanges(tx, editor.by, [nodeChange('update', label, current, updated)]);
  return updated;
}

export async function deleteNode(db: Database, editor: Editor, label: NodeLabel, id: string, version: number): Promise<void> {
  await db.writeTransaction(async (tx) => {
    const current = await lockNode(tx, editor.caller, label, id, version);
    const rels = (await tx.run(splice(q.nodeRelationships, { label }), { id, allowed: editor.caller.allowed })).records;
    if (rels.some((r) => r.get('visible') !== true)) {
      throw new AppError(
        403,
        'beyond-clearance',
        'Not allowed at your clearance',
        'Deleting this node would also remove relationships beyond your clearance; ask someone with a higher clearance.',
      );
    }
    const relChanges = rels.map((r) => {
      const rel = toRelationshipEntity(r.get('type'), r.get('from'), r.get('to'), r.get('props'));
      return relationshipChange(
        'delete',
        rel,
        null,
        highestLevel(rel.properties.sensitivity as string, current.properties.sensitivity as string),
      );
    });
    await tx.run(splice(q.nodeDelete, { label }), { id });
    await recordChanges(tx, editor.by, [...relChanges, nodeChange('delete', label, current, null)]);
  });
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
  highestLevel(sensitivity, ...ends);

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
  const id = input.id ?? defaultRelationshipId(input);
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
  if ((await tx.run(q.relLock, { id })).records.length > 0) {
    throw new AppError(
      409,
      'conflict',
      'The change conflicts with existing data',
      `A relationship with id '${id}' already exists; send another id.`,
    );
  }
  const stored = (
    await tx.run(splice(q.relCreate, { from: from.label, to: to.label, type: input.type }), {
      from: input.from,
      to: input.to,
      props: toStored({ ...props, id }),
    })
  ).records[0]?.get('props') as Props;
  const rel = toRelationshipEntity(input.type, input.from, input.to, stored);
  await recordChanges(tx, editor.by, [relationshipChange('create', null, rel, level)]);
  return rel;
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
    const next = validRelationship(rel.type, applyPatch(withoutId(rel.properties), shape.data as Props), 'body.properties');
    const level = levelOf(locked, next.sensitivity as string);
    if (!visibleTo(editor.caller, level)) throw beyondClearance('body.properties.sensitivity');
    const stored = (
      await tx.run(splice(q.relUpdate, { type: rel.type }), { id, props: toStored({ ...next, id }), version: version + 1 })
    ).records[0]?.get('props') as Props;
    const updated = toRelationshipEntity(rel.type, rel.from, rel.to, stored);
    await recordChanges(tx, editor.by, [relationshipChange('update', rel, updated, level)]);
    return updated;
  });
}

export async function deleteRelationship(db: Database, editor: Editor, id: string, version: number): Promise<void> {
  await db.writeTransaction(async (tx) => {
    const locked = await lockRelationship(tx, editor.caller, id);
    if (locked.rel.version !== version) throw new VersionConflict(locked.rel, version);
    await tx.run(splice(q.relDelete, { type: locked.rel.type }), { id });
    await recordChanges(tx, editor.by, [relationshipChange('delete', locked.rel, null, levelOf(locked))]);
  });
}

const withoutId = ({ id: _id, ...rest }: Props): Props => rest;
