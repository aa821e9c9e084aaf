import { Router } from 'express';
import type { Database } from '../../db/database.js';
import { GraphVersionReader } from '../../db/graphVersion.js';
import { callerOf } from '../../http/caller.js';
import { parse } from '../../http/validate.js';
import { AnswerCache, type KeptAnswer, RecentQuestions, sendKept } from '../actors/cache.js';
import { PathsQuery } from './schema.js';
import { answerPaths } from './service.js';

export interface PathsRouterOptions {
  /**
   * Transaction timeout of a path request, shorter than the server-wide one: path searches
   * grow fast with hops and types, and a timed-out one becomes a 503 that says how to narrow it.
   */
  timeoutMs?: number;
}

export function pathsRouter(db: Database, { timeoutMs = 5_000 }: PathsRouterOptions = {}): Router {
  const router = Router();
  // A question asked again (the same options at the same clearance) is answered from answers kept
  // per graph version, as the actor's are (issue 13): a shared version read instead of the search.
  // A first question is searched and sent as before, without that read: most path requests are
  // new pairs, and they pay nothing for the keeping. The second time it is asked, the version is
  // read before the search and the answer kept; from the third time on it is sent as kept.
  const answers = new AnswerCache(new GraphVersionReader(db));
  const asked = new RecentQuestions();
  router.get('/', async (req, res) => {
    const options = parse(PathsQuery, req, 'query');
    const caller = callerOf(res);
    const question = JSON.stringify(options);
    if (!asked.askedBefore(`${caller.allowed.join(',')}\u0000${question}`)) {
      res.json(await answerPaths(db, caller, options, timeoutMs));
      return;
    }
    const etagOf = req.app.get('etag fn') as ((body: Buffer) => string | undefined) | undefined;
    const answer = await answers.answer(caller, question, async () => {
      const body = Buffer.from(JSON.stringify(await answerPaths(db, caller, options, timeoutMs)));
      return { body, etag: etagOf?.(body) };
    });
    // Never null: a search that finds no path still answers (a failure throws).
    sendKept(res, answer as KeptAnswer);
  });
  return router;
}
