import type { Database } from '../../db/database.js';
import { AppError } from '../../errors.js';
import type { Caller } from '../../http/caller.js';
import type { GraphNode } from '../graph/model.js';
import { FactBase } from '../positioning/factBase.js';
import { familyIds, familyOf } from '../positioning/hierarchy.js';
import type { Fact, FactRows, Named } from '../positioning/model.js';
import { positionActors } from '../positioning/positioning.js';
import { citeFacts, loadActors, loadFactRows, requireKnown, type Scope } from '../positioning/repository.js';

import { earlyWarningGaps, type GapSituation, situationGaps, unfundedSituation, unrecordedFunding } from './detect.js';
import { GAP_KINDS, type GapKind, type GapRows, type RawGap } from './model.js';
import { loadGapRows } from './repository.js';

export interface GapsRequest {
  kinds: GapKind[];
  threat?: string;
  region?: string;
  asOf: string;
  hops: number;
  /** At most this many gaps are returned (in kind order); `total` and `truncated` say how many there were. */
  limit?: number;
  timeoutMs?: number;
  /** The in-memory detection stops with a 422 past this budget. */
  timeBudgetMs?: number;
}

export interface Gap {
  kind: GapKind;
  threat?: Named;
  region?: Named;
  actors: GraphNode[];
  description: string;
  evidence: Array<Omit<Fact, 'path'>>;
}

/** Everything gaps and coverage read: the positioning facts (of the whole visible graph, or of a focus) and the gap rows, with every actor they name. */
export async function loadGapFacts(
  db: Database,
  caller: Caller,
  asOf: string,
  timeoutMs?: number,
  /** Narrows the positioning facts to the families of a threat and/or region (every situation inside them needs nothing else). */
  focus: { threat?: string; region?: string } = {},
): Promise<{ fb: FactBase; rows: GapRows }> {
  const scope: Scope = ({ threats, regions }) =>
    focus.threat || focus.region
      ? {
          threatIds: focus.threat ? familyIds(familyOf(threats, focus.threat)) : null,
          regionIds: focus.region ? familyIds(familyOf(regions, focus.region)) : null,
        }
      : null;
  const [factRows, rows]: [FactRows, GapRows] = await Promise.all([
    loadFactRows(db, caller, asOf, scope, timeoutMs, { allLinks: true }),
    loadGapRows(db, caller, asOf, timeoutMs),
  ]);
  const fb = new FactBase(factRows);
  const named = new Set<string>();
  for (const o of rows.organizations) named.add(o.actorId);
  for (const i of rows.initiatives) for (const p of i.participants) named.add(p.actorId);
  const missing = [...named].filter((id) => !fb.actors.has(id));
  if (missing.length > 0) fb.addActors(await loadActors(db, caller, missing, timeoutMs));
  return { fb, rows };
}

/** The threat-region questions gaps are looked for in: every AFFECTS within the asked threat (and subtypes) and region (and parts). */
export function situationsFor(fb: FactBase, rows: GapRows, threat?: string, region?: string): GapSituation[] {
  const t = threat ? fb.threatFamily(threat) : undefined;
  const r = region ? fb.regionFamily(region) : undefined;
  const within = (family: typeof t, id: string) => !family || family.below.has(id);
  const grouped = new Map<string, GapSituation>();
  for (const a of rows.affects) {
    if (!within(t, a.threatId) || !within(r, a.regionId)) continue;
    const key = `${a.threatId}|${a.regionId}`;
    const existing = grouped.get(key);
    if (existing) existing.affects.push(a);
    else grouped.set(key, { threat: fb.threatFamily(a.threatId), region: fb.regionFamily(a.regionId), affects: [a] });
  }
  // Asked about one threat in one region: its responder network is examined even without an AFFECTS fact.
  if (t && r && !grouped.has(`${t.id}|${r.id}`)) grouped.set(`${t.id}|${r.id}`, { threat: t, region: r, affects: [] });
  return [...grouped.values()];
}

/**
 * Adds items one by one: `push(...items)` passes every item as an argument, and a large graph's
 * situation can hold more gaps than the call stack takes arguments (RangeError at 100k actors).
 */
function append<T>(target: T[], items: readonly T[]): void {
  for (const item of items) target.push(item);
}

/**
 * The most gaps one request collects before it is refused: the 10k-actor synthetic graph has 164k
 * gaps over the whole graph (3.6 s); the 100k-actor one has millions, and collecting them all
 * with their evidence ran the API out of memory.
 */
export const MAX_GAPS_FOUND = 250_000;

/** Detects the asked gap kinds (pure, on loaded facts); a 422 past maxGaps. */
export function detectGaps(
  fb: FactBase,
  rows: GapRows,
  req: Omit<GapsRequest, 'asOf' | 'timeoutMs'>,
  maxGaps: number = MAX_GAPS_FOUND,
): RawGap[] {
  const kinds = new Set<string>(req.kinds);
  const gaps: RawGap[] = [];
  for (const s of situationsFor(fb, rows, req.threat, req.region)) {
    append(gaps, situationGaps(fb, s, positionActors(fb, s, { standingOnly: true }), req.hops, kinds));
    if (kinds.has('unfunded') || kinds.has('no-funding-recorded'))
      append(
        gaps,
        unfundedSituation(fb, rows, s).filter((g) => kinds.has(g.kind)),
      );
    if (gaps.length > maxGaps) {
      throw new AppError(
        422,
        'too-many-gaps',
        'Too many gaps to list',
        `More than ${maxGaps} gaps match; no one reads that many. Narrow the question: a threat (threat=), a region (region=), fewer kinds (kinds=) or fewer hops for uncoordinated pairs (hops=).`,
      );
    }
  }
  const t = req.threat ? fb.threatFamily(req.threat) : undefined;
  const r = req.region ? fb.regionFamily(req.region) : undefined;
  if (kinds.has('early-warning')) append(gaps, earlyWarningGaps(fb, rows, r));
  if (kinds.has('no-funding-recorded')) append(gaps, unrecordedFunding(fb, rows, t, r));
  // Kind by kind (stable: within a kind, situation by situation), so a limit keeps every kind's first gaps.
  return gaps.sort((a, b) => GAP_KINDS.indexOf(a.kind) - GAP_KINDS.indexOf(b.kind));
}

/** GET /api/gaps. */
export async function findGaps(
  db: Database,
  caller: Caller,
  req: GapsRequest,
): Promise<{ gaps: Gap[]; total: number; truncated: boolean }> {
  const { fb, rows } = await loadGapFacts(db, caller, req.asOf, req.timeoutMs, { threat: req.threat, region: req.region });
  requireKnown(fb, req.threat, req.region);
  const found = detectGaps(fb, rows, req);
  const raw = found.slice(0, req.limit ?? found.length);
  const cited = await citeFacts(
    db,
    caller,
    raw.flatMap((g) => g.evidence),
    req.timeoutMs,
  );
  return {
    total: found.length,
    truncated: raw.length < found.length,
    gaps: raw.map((g) => ({
      ...g,
      actors: g.actors.flatMap((id) => {
        const node = fb.actors.get(id);
        return node ? [node] : [];
      }),
      evidence: g.evidence.map((f) => {
        const { path: _path, ...fact } = cited.get(f) as Fact;
        return fact;
      }),
    })),
  };
}
