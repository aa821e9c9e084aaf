import type { Database } from '../../db/database.js';
import type { Caller } from '../../http/caller.js';
import { countSituationGaps, earlyWarningGaps, type GapSituation, unfundedSituation } from '../gaps/detect.js';
import type { GapKind, GapRows } from '../gaps/model.js';
import { loadGapFacts } from '../gaps/service.js';
import type { FactBase } from '../responders/factBase.js';
import { relationTo } from '../responders/hierarchy.js';
import type { Named } from '../responders/model.js';
import { positionActors } from '../responders/positioning.js';
import type { CoverageLevel } from './schema.js';

/** Hop bound of the uncoordinated count in a cell (the gaps endpoint's default). */
export const COVERAGE_HOPS = 2;

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

/** The grid from loaded facts (pure): every threat against every region of the level, reusing the responder positioning and the gap detectors. */
export function computeCoverage(fb: FactBase, rows: GapRows, level: CoverageLevel, asOf: string): CoverageGrid {
  const threats = [...fb.threatNames].map(([id, name]) => ({ id, name })).sort(byName);
  const regions = [...fb.regions]
    .filter(([, r]) => r.kind === level)
    .map(([id, r]) => ({ id, name: r.name }))
    .sort(byName);
  const cells: CoverageCell[] = [];
  for (const region of regions) {
    const regionFamily = fb.regionFamily(region.id);
    const earlyWarning = earlyWarningGaps(fb, rows, regionFamily).length;
    for (const threat of threats) {
      const threatFamily = fb.threatFamily(threat.id);
      const affects = rows.affects.filter((a) => {
        const t = relationTo(threatFamily, a.threatId).kind;
        return (t === 'same' || t === 'below') && relationTo(regionFamily, a.regionId).kind !== 'none';
      });
      const s: GapSituation = { threat: threatFamily, region: regionFamily, affects };
      const positions = positionActors(fb, s, { standingOnly: true });
      const gaps: Record<GapKind, number> = {
        ...countSituationGaps(fb, s, positions, COVERAGE_HOPS),
        'early-warning': earlyWarning,
        unfunded: unfundedSituation(fb, rows, s).length,
      };
      cells.push({ threat, region, positioned: positions.filter((p) => p.positioned).length, affected: affects.length > 0, gaps });
    }
  }
  return { level, asOf, threats, regions, cells };
}

/** GET /api/coverage. */
export async function coverage(
  db: Database,
  caller: Caller,
  level: CoverageLevel,
  asOf: string,
  timeoutMs?: number,
): Promise<CoverageGrid> {
  const { fb, rows } = await loadGapFacts(db, caller, asOf, timeoutMs);
  return computeCoverage(fb, rows, level, asOf);
}
