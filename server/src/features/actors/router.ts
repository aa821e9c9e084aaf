import { Router } from 'express';
import type { Database } from '../../db/database.js';
import { AppError } from '../../errors.js';
import { callerOf } from '../../http/caller.js';
import { parse } from '../../http/validate.js';
import type { GraphNode } from '../graph/model.js';
import { findActorWithNeighbourhood, searchActors } from './repository.js';
import { ActorParams, NeighbourhoodQuery, SearchQuery } from './schema.js';

export function actorsRouter(db: Database): Router {
  const router = Router();

  router.get('/search', async (req, res) => {
    const { q, limit } = parse(SearchQuery, req, 'query');
    res.json({ query: q, results: await searchActors(db, callerOf(res), q, limit) });
  });

  router.get('/:id', async (req, res) => {
    const { id } = parse(ActorParams, req, 'params');
    const { asOf, limit } = parse(NeighbourhoodQuery, req, 'query');
    const found = await findActorWithNeighbourhood(db, callerOf(res), id, asOf, limit);
    if (!found) throw AppError.notFound('Actor', id);
    const { actor, neighbourhood } = found;
    const self: GraphNode = {
      id: actor.id,
      label: 'Actor',
      name: actor.name,
      acronym: actor.acronym,
      kind: actor.kind,
      sensitivity: actor.sensitivity as GraphNode['sensitivity'],
    };
    res.json({ actor, neighbourhood: { nodes: [self, ...neighbourhood.nodes], edges: neighbourhood.edges } });
  });

  return router;
}
