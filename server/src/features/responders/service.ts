import type { Database } from '../../db/database.js';
import type { Caller } from '../../http/caller.js';
import { FactBase } from '../positioning/factBase.js';
import { familyIds, familyOf } from '../positioning/hierarchy.js';
import { type Fact, type Named, PARTS, type RawFact, type Responder, type Weights } from '../positioning/model.js';
import { positionActors, rankResponders } from '../positioning/positioning.js';
import { citeFacts, loadFactRows, requireKnown } from '../positioning/repository.js';
import { DEFAULT_WEIGHTS, normalizeWeights } from '../positioning/scoring.js';

export interface RespondersRequest {
  threat: string;
  region: string;
  asOf: string;
  limit: number;
  /** Raw weights (each 0..1); missing ones take the defaults; normalized to sum 1. */
  weights?: Partial<Weights>;
  timeoutMs?: number;
}

export interface RespondersAnswer {
  threat: Named;
  region: Named;
  asOf: string;
  weights: Weights;
  responders: Responder<Fact>[];
}

const rawFacts = (r: Responder<RawFact>): RawFact[] => [
  ...PARTS.flatMap((p) => r.breakdown[p].facts),
  ...(r.organs ?? []).flatMap(rawFacts),
];

function withSources(r: Responder<RawFact>, cited: Map<RawFact, Fact>): Responder<Fact> {
  const breakdown = Object.fromEntries(
    PARTS.map((p) => [p, { ...r.breakdown[p], facts: r.breakdown[p].facts.map((f) => cited.get(f) as Fact) }]),
  ) as Responder<Fact>['breakdown'];
  const { organs, ...rest } = r;
  return organs ? { ...rest, breakdown, organs: organs.map((o) => withSources(o, cited)) } : { ...rest, breakdown };
}

/** Replaces the raw facts of responders (and their organs) by facts with their sources (one source query for all). */
export async function citeResponders(db: Database, caller: Caller, responders: Responder<RawFact>[], timeoutMs?: number) {
  const cited = await citeFacts(db, caller, responders.flatMap(rawFacts), timeoutMs);
  return responders.map((r) => withSources(r, cited));
}

/**
 * GET /api/responders: who is positioned to respond to a threat (and subtypes) in a region (and
 * sub-regions). `kept`: the whole graph's facts at the caller's levels and `req.asOf`, when the
 * planner keeps them; the answer is the same as on the facts read for the question alone (test:
 * responders-kept), without the read (9–15 s at 100k actors).
 */
export async function findResponders(db: Database, caller: Caller, req: RespondersRequest, kept?: FactBase): Promise<RespondersAnswer> {
  const weights = normalizeWeights({ ...DEFAULT_WEIGHTS, ...req.weights });
  const fb =
    kept ??
    new FactBase(
      await loadFactRows(
        db,
        caller,
        req.asOf,
        ({ threats, regions }) => ({
          threatIds: familyIds(familyOf(threats, req.threat)),
          regionIds: familyIds(familyOf(regions, req.region)),
        }),
        req.timeoutMs,
      ),
    );
  requireKnown(fb, req.threat, req.region);
  const situation = { threat: fb.threatFamily(req.threat), region: fb.regionFamily(req.region) };
  const ranked = rankResponders(fb, positionActors(fb, situation), weights, req.limit);
  return {
    threat: { id: req.threat, name: fb.threatName(req.threat) },
    region: { id: req.region, name: fb.regionName(req.region) },
    asOf: req.asOf,
    weights,
    responders: await citeResponders(db, caller, ranked, req.timeoutMs),
  };
}
