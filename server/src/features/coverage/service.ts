import { DEFAULT_ANALYSIS_BUDGETS } from '../../config.js';
import type { Database } from '../../db/database.js';
import { AppError, translateDriverError } from '../../errors.js';
import type { Caller } from '../../http/caller.js';
import { gapCounter } from '../gaps/counting.js';
import { countEarlyWarningGaps } from '../gaps/detect.js';
import { GAP_KINDS, type GapKind, type GapRows } from '../gaps/model.js';
import { loadGapFacts } from '../gaps/service.js';
import type { FactBase } from '../positioning/factBase.js';
import type { Named } from '../positioning/model.js';
import { requireKnown } from '../positioning/repository.js';
import { runSliced, runSteps, type Steps } from '../positioning/steps.js';

import type { CoverageLevel } from './schema.js';

/** Hop bound of the uncoordinated count in a cell (the gaps endpoint's default). */
export const COVERAGE_HOPS = 2;
const ALL_KINDS: ReadonlySet<string> = new Set(GAP_KINDS);

export interface CoverageCell {
  threat: Named;
  region: Named;
  /** Actors with both a mandate and presence for the threat in the region (own or inherited mandate; own, containing-region or member-state presence). */
  positioned: number;
  /** An AFFECTS fact links the threat (or a subtype) to the region, a part of it, or a region containing it. */
  affected: boolean;
  gaps: Record<GapKind, number>;
}

export interface CoverageGrid {
  level: CoverageLevel;
  asOf: string;
  threats: Named[];
  regions: Named[];
  cells: CoverageCell[];
}

const byName = (a: Named, b: Named) => a.name.localeCompare(b.name);

export interface CoverageRequest {
  level: CoverageLevel;
  asOf: string;
  /** Only this threat and its subtypes (rows of the grid). */
  threat?: string;
  /** Only regions of the level inside this one (columns of the grid). */
  region?: string;
  /** The in-memory computation stops with a 422 past this budget (the queries have the database timeout). */
  timeBudgetMs?: number;
}

/** A grid past its time budget: a 4xx, because a narrower grid would answer. */
function gridTooLong(): AppError {
  return new AppError(
    422,
    'query-timeout',
    'The grid took too long',
    'Narrow it: a higher level, one threat (threat=) or one region (region=).',
  );
}

/** The grid from loaded facts (pure), within the time budget (a 422 past it). */
export function computeCoverage(fb: FactBase, rows: GapRows, req: CoverageRequest): CoverageGrid {
  return runSteps(coverageSteps(fb, rows, req), coverageDeadline(req));
}

/** Throws the grid's 422 once past the request's budget (checked between cells). */
export function coverageDeadline(req: CoverageRequest): () => void {
  const deadline = Date.now() + (req.timeBudgetMs ?? DEFAULT_ANALYSIS_BUDGETS.coverageMs);
  return () => {
    if (Date.now() > deadline) throw gridTooLong();
  };
}

/** Every threat against every region of the level, counted as the gap counts are (gaps/counting.ts); yields before each cell. */
export function* coverageSteps(fb: FactBase, rows: GapRows, req: CoverageRequest): Steps<CoverageGrid> {
  const { level, asOf } = req;
  const inThreat = req.threat ? fb.threatFamily(req.threat).below : null;
  const inRegion = req.region ? fb.regionFamily(req.region).below : null;
  const threats = [...fb.threatNames]
    .filter(([id]) => !inThreat || inThreat.has(id))
    .map(([id, name]) => ({ id, name }))
    .sort(byName);
  const regions = [...fb.regions]
    .filter(([id, r]) => r.kind === level && (!inRegion || inRegion.has(id)))
    .map(([id, r]) => ({ id, name: r.name }))
    .sort(byName);
  const cells: CoverageCell[] = [];
  const counter = gapCounter(fb, rows);
  for (const region of regions) {
    yield;
    const earlyWarning = countEarlyWarningGaps(rows, fb.regionFamily(region.id));
    for (const threat of threats) {
      if (cells.length % threats.length !== 0) yield;
      const affected = counter.affected(threat.id, region.id);
      const { positioned, counts } = counter.count(threat.id, region.id, affected, COVERAGE_HOPS, ALL_KINDS);
      const gaps = { ...counts, 'early-warning': earlyWarning } as Record<GapKind, number>;
      cells.push({ threat, region, positioned, affected, gaps });
    }
  }
  return { level, asOf, threats, regions, cells };
}

/** GET /api/coverage: from `computing` (the planner cache), or read and computed now within the budget. */
export async function coverage(
  db: Database,
  caller: Caller,
  req: CoverageRequest,
  timeoutMs?: number,
  computing?: (caller: Caller, req: CoverageRequest) => Promise<CoverageGrid>,
): Promise<CoverageGrid> {
  try {
    if (computing) return await computing(caller, req);
    const { fb, rows } = await loadGapFacts(db, caller, req.asOf, timeoutMs);
    requireKnown(fb, req.threat, req.region);
    return await runSliced(coverageSteps(fb, rows, req), { onStep: coverageDeadline(req) });
  } catch (error) {
    // Reading the facts past the transaction timeout is the same answer as the grid's own budget.
    if (translateDriverError(error)?.code === 'query-timeout') throw gridTooLong();
    throw error;
  }
}
