import { Router } from 'express';
import type { Database } from '../../db/database.js';
import { type Caller, callerOf } from '../../http/caller.js';
import { parse } from '../../http/validate.js';
import { type KeptAnswer, sendKept } from '../actors/cache.js';
import { KeptAnalyses, keptAnswer } from './kept.js';
import { CentralityQuery, CommunitiesQuery, StructureQuery } from './schema.js';
import { computeCentrality, computeCommunities, computeStructure } from './service.js';

/** Each endpoint's query and computation, for its route and for start-up's warming alike. */
const ENDPOINTS = {
  centrality: { path: '/', query: CentralityQuery, compute: computeCentrality },
  communities: { path: '/communities', query: CommunitiesQuery, compute: computeCommunities },
  structure: { path: '/structure', query: StructureQuery, compute: computeStructure },
} as const;
type Kind = keyof typeof ENDPOINTS;

/**
 * One parsed question as KeptAnalyses takes it: its key (what is asked and every parameter,
 * defaults included) and its computation on the database it is given.
 */
function question(caller: Caller, kind: Kind, params: unknown): [string, (on: Database) => Promise<KeptAnswer>] {
  const compute = ENDPOINTS[kind].compute as (db: Database, caller: Caller, params: unknown) => Promise<unknown>;
  return [JSON.stringify({ kind, ...(params as object) }), async (on) => keptAnswer(await compute(on, caller, params))];
}

/**
 * Answers are kept per graph version and clearance, and a question its request cannot wait for
 * goes on in the background (KeptAnalyses: a 503 "computing" with Retry-After meanwhile).
 */
export function centralityRouter(db: Database, answers = new KeptAnalyses(db)): Router {
  const router = Router();
  for (const kind of Object.keys(ENDPOINTS) as Kind[]) {
    router.get(ENDPOINTS[kind].path, async (req, res) => {
      const caller = callerOf(res);
      sendKept(res, await answers.answer(caller, ...question(caller, kind, parse(ENDPOINTS[kind].query, req, 'query'))));
    });
  }
  return router;
}

/**
 * The questions the Brokers panel opens with (client/src/features/Brokers/BrokersPanel.tsx:
 * betweenness, top 50; Louvain communities; cut points and bridges; no date), computed ahead for
 * `caller` and kept as a request would keep them (start-up, firstAnswers.ts).
 */
export async function warmBrokersPanel(answers: KeptAnalyses, caller: Caller): Promise<void> {
  await Promise.all([
    answers.warm(caller, ...question(caller, 'centrality', CentralityQuery.parse({ measure: 'betweenness', top: 50 }))),
    answers.warm(caller, ...question(caller, 'communities', CommunitiesQuery.parse({ algorithm: 'louvain' }))),
    answers.warm(caller, ...question(caller, 'structure', StructureQuery.parse({}))),
  ]);
}
