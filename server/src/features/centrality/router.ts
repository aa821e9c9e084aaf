import { Router } from 'express';
import type { Database } from '../../db/database.js';
import { type Caller, callerOf } from '../../http/caller.js';
import { parse } from '../../http/validate.js';
import { sendKept } from '../actors/cache.js';
import { KeptAnalyses, keptAnswer } from './kept.js';
import { CentralityQuery, CommunitiesQuery, StructureQuery } from './schema.js';
import { computeCentrality, computeCommunities, computeStructure } from './service.js';

/** A question as the kept answers know it: what is asked and every parameter, defaults included. */
const question = (kind: 'centrality' | 'communities' | 'structure', params: object) => JSON.stringify({ kind, ...params });

/**
 * Answers are kept per graph version and clearance, and a question its request cannot wait for
 * goes on in the background (KeptAnalyses: a 503 "computing" with Retry-After meanwhile).
 */
export function centralityRouter(db: Database, answers = new KeptAnalyses(db)): Router {
  const router = Router();
  router.get('/', async (req, res) => {
    const params = parse(CentralityQuery, req, 'query');
    const caller = callerOf(res);
    const asked = question('centrality', params);
    sendKept(res, await answers.answer(caller, asked, async (on) => keptAnswer(await computeCentrality(on, caller, params))));
  });
  router.get('/communities', async (req, res) => {
    const params = parse(CommunitiesQuery, req, 'query');
    const caller = callerOf(res);
    const asked = question('communities', params);
    sendKept(res, await answers.answer(caller, asked, async (on) => keptAnswer(await computeCommunities(on, caller, params))));
  });
  router.get('/structure', async (req, res) => {
    const params = parse(StructureQuery, req, 'query');
    const caller = callerOf(res);
    const asked = question('structure', params);
    sendKept(res, await answers.answer(caller, asked, async (on) => keptAnswer(await computeStructure(on, caller, params))));
  });
  return router;
}

/**
 * The questions the Brokers panel opens with (client/src/features/Brokers/BrokersPanel.tsx:
 * betweenness, top 50; Louvain communities; cut points and bridges; no date), computed ahead for
 * `caller` and kept as a request would keep them (start-up, firstAnswers.ts).
 */
export async function warmBrokersPanel(answers: KeptAnalyses, caller: Caller): Promise<void> {
  const centrality = CentralityQuery.parse({ measure: 'betweenness', top: 50 });
  const communities = CommunitiesQuery.parse({ algorithm: 'louvain' });
  const structure = StructureQuery.parse({});
  await Promise.all([
    answers.warm(caller, question('centrality', centrality), async (on) => keptAnswer(await computeCentrality(on, caller, centrality))),
    answers.warm(caller, question('communities', communities), async (on) => keptAnswer(await computeCommunities(on, caller, communities))),
    answers.warm(caller, question('structure', structure), async (on) => keptAnswer(await computeStructure(on, caller, structure))),
  ]);
}
