import { type Request, type Response, Router } from 'express';
import type { Database } from '../../db/database.js';
import { callerOf } from '../../http/caller.js';
import { parse } from '../../http/validate.js';
import { authorOf } from '../audit/record.js';
import { entityHistory } from '../audit/repository.js';
import { HistoryQuery } from '../audit/router.js';
import type { NodeEntity, Props, RelationshipEntity } from './model.js';
import { invalid, versionConflictHandler } from './problems.js';
import {
  createNode,
  createRelationship,
  deleteNode,
  deleteRelationship,
  type Editor,
  getNode,
  getRelationship,
  updateNode,
  updateRelationship,
} from './repository.js';
import { DeleteBody, EntityParams, IfMatch, LabelParams, NodePatchBody, RelationshipCreateBody, RelationshipParams } from './schema.js';

const editorOf = (res: Response): Editor => ({ caller: callerOf(res), by: authorOf(res) });

/** The version a PATCH or DELETE was based on: `version` in the body, or an If-Match header. */
function expectedVersion(req: Request, fromBody: number | undefined): number {
  if (fromBody !== undefined) return fromBody;
  const header = req.get('if-match');
  if (header !== undefined) {
    const parsed = IfMatch.safeParse(header);
    if (parsed.success) return parsed.data;
    throw invalid([{ field: 'header.if-match', message: parsed.error.issues[0]?.message ?? 'not a version' }]);
  }
  throw invalid([
    { field: 'body.version', message: 'the version you read is required (or an If-Match header), so a concurrent edit is not lost' },
  ]);
}

function sendEntity(res: Response, entity: NodeEntity | RelationshipEntity, status = 200): void {
  res.status(status).set('ETag', `"${entity.version}"`).json(entity);
}

/** /api/entities/:label[/:id[/history]]: nodes of every label. */
export function entitiesRouter(db: Database): Router {
  const router = Router();

  router.post('/:label', async (req, res) => {
    const { label } = parse(LabelParams, req, 'params');
    const entity = await createNode(db, editorOf(res), label, (req.body ?? {}) as Props);
    res.location(`${req.baseUrl}/${label}/${encodeURIComponent(entity.id)}`);
    sendEntity(res, entity, 201);
  });

  router.get('/:label/:id', async (req, res) => {
    const { label, id } = parse(EntityParams, req, 'params');
    sendEntity(res, await getNode(db, callerOf(res), label, id));
  });

  router.patch('/:label/:id', async (req, res) => {
    const { label, id } = parse(EntityParams, req, 'params');
    const body = parse(NodePatchBody, req, 'body');
    sendEntity(res, await updateNode(db, editorOf(res), label, id, expectedVersion(req, body.version), body.properties));
  });

  router.delete('/:label/:id', async (req, res) => {
    const { label, id } = parse(EntityParams, req, 'params');
    const body = parse(DeleteBody, req, 'body');
    await deleteNode(db, editorOf(res), label, id, expectedVersion(req, body?.version));
    res.status(204).end();
  });

  router.get('/:label/:id/history', async (req, res) => {
    const { label, id } = parse(EntityParams, req, 'params');
    const { limit } = parse(HistoryQuery, req, 'query');
    const caller = callerOf(res);
    const entries = await entityHistory(db, caller, { kind: 'node', entityId: id, entityLabel: label }, limit);
    // No visible entry: a seeded, never-edited entity has an empty history; anything else is a 404.
    if (entries.length === 0) await getNode(db, caller, label, id);
    res.json({ label, id, entries });
  });

  router.use(versionConflictHandler);
  return router;
}

/** /api/relationships[/:id[/history]]: relationships of every type. */
export function relationshipsRouter(db: Database): Router {
  const router = Router();

  router.post('/', async (req, res) => {
    const body = parse(RelationshipCreateBody, req, 'body');
    const rel = await createRelationship(db, editorOf(res), body);
    res.location(`${req.baseUrl}/${encodeURIComponent(rel.id)}`);
    sendEntity(res, rel, 201);
  });

  router.get('/:id', async (req, res) => {
    const { id } = parse(RelationshipParams, req, 'params');
    sendEntity(res, await getRelationship(db, callerOf(res), id));
  });

  router.patch('/:id', async (req, res) => {
    const { id } = parse(RelationshipParams, req, 'params');
    const body = parse(NodePatchBody, req, 'body');
    sendEntity(res, await updateRelationship(db, editorOf(res), id, expectedVersion(req, body.version), body.properties));
  });

  router.delete('/:id', async (req, res) => {
    const { id } = parse(RelationshipParams, req, 'params');
    const body = parse(DeleteBody, req, 'body');
    await deleteRelationship(db, editorOf(res), id, expectedVersion(req, body?.version));
    res.status(204).end();
  });

  router.get('/:id/history', async (req, res) => {
    const { id } = parse(RelationshipParams, req, 'params');
    const { limit } = parse(HistoryQuery, req, 'query');
    const caller = callerOf(res);
    const entries = await entityHistory(db, caller, { kind: 'relationship', entityId: id, entityLabel: null }, limit);
    if (entries.length === 0) await getRelationship(db, caller, id);
    res.json({ id, entries });
  });

  router.use(versionConflictHandler);
  return router;
}
