import { Router } from 'express';
import type { Database } from '../../db/database.js';
import { GraphVersionReader } from '../../db/graphVersion.js';
import { AppError } from '../../errors.js';
import { callerOf } from '../../http/caller.js';
import { parse } from '../../http/validate.js';
import type { GraphNode } from '../graph/model.js';
import { AnswerCache, sendKept } from './cache.js';
import { findActorWithNeighbourhood, searchActors } from './repository.js';
import { ActorParams, NeighbourhoodQuery, SearchQuery } from './schema.js';

export function actorsRouter(db: Database): Router {
  const router = Router();

  router.get('/search', async (req, res) => {
    const { q, limit } = parse(SearchQuery, req, 'query');
    res.json({ query: q, results: await searchActors(db, callerOf(res), q, limit) });
  });

  // The actor's answer is kept per graph version and clearance (issue 13): a kept answer costs a
  // shared version read instead of the neighbourhood query, and is sent as it was serialized.
  const answers = new AnswerCache(new GraphVersionReader(db));
  router.get('/:id', async (req, res) => {
    const { id } = parse(ActorParams, req, 'params');
    const { asOf, limit } = parse(NeighbourhoodQuery, req, 'query');
    const caller = callerOf(res);
    const etagOf = req.app.get('etag fn') as ((body: Buffer) => string | undefined) | undefined;
    const answer = await answers.answer(caller, `${id}\u0000${asOf ?? ''}\u0000${limit}`, async () => {
      const found = await findActorWithNeighbourhood(db, caller, id, asOf, limit);
      if (!found) return null;
      const { actor, neighbourhood } = found;
      const self: GraphNode = {
        id: actor.id,
        label: 'Actor',
        name: actor.name,
        acronym: actor.acronym,
        kind: actor.kind,
        sensitivity: actor.sensitivity as GraphNode['sensitivity'],
      };
      const body = Buffer.from(
        JSON.stringify({ actor, neighbourhood: { nodes: [self, ...neighbourhood.nodes], edges: neighbourhood.edges } }),
      );
      return { body, etag: etagOf?.(body) };
    });
    if (!answer) throw AppError.notFound('Actor', id);
    sendKept(res, answer);
  });

  return router;
}
