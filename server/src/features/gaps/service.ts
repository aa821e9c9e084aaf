import { DEFAULT_ANALYSIS_BUDGETS } from '../../config.js';
import type { Database } from '../../db/database.js';
import { AppError } from '../../errors.js';
import type { Caller } from '../../http/caller.js';
import type { GraphNode } from '../graph/model.js';
import { FactBase } from '../positioning/factBase.js';
import { familyIds, familyOf } from '../positioning/hierarchy.js';
import type { Fact, FactRows, Named } from '../positioning/model.js';
import { type Position, positionActors } from '../positioning/positioning.js';
import { citeFacts, loadActors, loadFactRows, requireKnown, type Scope } from '../positioning/repository.js';
import { runSliced, runSteps, type Steps } from '../positioning/steps.js';

import { gapCounter } from './counting.js';
import { earlyWarningGaps, type GapSituation, SITUATION_KINDS, type SituationKind, situationGapsOf, unrecordedFunding } from './detect.js';
import { GAP_KINDS, type GapKind, type GapRows, type RawGap } from './model.js';
import { loadGapRows } from './repository.js';

export interface GapsRequest {
  kinds: GapKind[];
  threat?: string;
  region?: string;
  asOf: string;
  hops: number;
  /** At most this many gaps are returned (in kind order), from `offset`; `counts` say how many there are. */
  limit?: number;
  offset?: number;
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

export interface GapCounts {
  total: number;
  byKind: Record<GapKind, number>;
  /** Per region of a threat-region question (early-warning and initiative-level gaps have none), most gaps first. */
  byRegion: Array<{ region: Named; total: number; byKind: Partial<Record<GapKind, number>> }>;
}

function gapsTooLong(): AppError {
  return new AppError(
    422,
    'query-timeout',
    'Counting the gaps took too long',
    'Narrow the question: a threat (threat=), a region (region=), fewer kinds (kind=) or fewer hops for uncoordinated pairs (hops=).',
  );
}

export interface Counted {
  situations: GapSituation[];
  perSituation: Array<Partial<Record<SituationKind, number>>>;
  /** Gaps that belong to no single question, built in full (one per organization or initiative at most). */
  standalone: Partial<Record<GapKind, RawGap[]>>;
}

const compareIds = (a = '', b = '') => (a < b ? -1 : a > b ? 1 : 0);

/** First pass: how many gaps of each kind each question has, nothing built but the standalone kinds; yields before each question. */
export function* countSteps(fb: FactBase, rows: GapRows, req: GapQuestion): Steps<Counted> {
  const kinds = new Set<string>(req.kinds);
  const situations = situationsFor(fb, rows, req.threat, req.region);
  const counter = gapCounter(fb, rows);
  const perSituation: Counted['perSituation'] = [];
  // Region by region: the counter keeps one region's nearness of actors at a time.
  const byRegion = situations.map((_, i) => i).sort((a, b) => compareIds(situations[a]?.region.id, situations[b]?.region.id) || a - b);
  for (const i of byRegion) {
    yield;
    const s = situations[i] as GapSituation;
    perSituation[i] = counter.count(s.threat.id, s.region.id, s.affects.length > 0, req.hops, kinds).counts;
  }
  const t = req.threat ? fb.threatFamily(req.threat) : undefined;
  const r = req.region ? fb.regionFamily(req.region) : undefined;
  const standalone: Counted['standalone'] = {};
  if (kinds.has('early-warning')) standalone['early-warning'] = earlyWarningGaps(fb, rows, r);
  if (kinds.has('no-funding-recorded')) standalone['no-funding-recorded'] = unrecordedFunding(fb, rows, t, r);
  return { situations, perSituation, standalone };
}

/** Throws the gaps' 422 once past the deadline (between two questions). */
export const gapsDeadline = (deadline: number) => () => {
  if (Date.now() > deadline) throw gapsTooLong();
};

export function summarize(fb: FactBase, { situations, perSituation, standalone }: Counted): GapCounts {
  const byKind = Object.fromEntries(GAP_KINDS.map((k) => [k, standalone[k]?.length ?? 0])) as Record<GapKind, number>;
  const regions = new Map<string, GapCounts['byRegion'][number]>();
  situations.forEach((s, i) => {
    for (const [kind, n] of Object.entries(perSituation[i] ?? {}) as Array<[GapKind, number]>) {
      if (n === 0) continue;
      byKind[kind] += n;
      let entry = regions.get(s.region.id);
      if (!entry) {
        entry = { region: { id: s.region.id, name: fb.regionName(s.region.id) }, total: 0, byKind: {} };
        regions.set(s.region.id, entry);
      }
      entry.total += n;
      entry.byKind[kind] = (entry.byKind[kind] ?? 0) + n;
    }
  });
  const total = GAP_KINDS.reduce((sum, k) => sum + byKind[k], 0);
  const byRegion = [...regions.values()].sort((a, b) => b.total - a.total || a.region.name.localeCompare(b.region.name));
  return { total, byKind, byRegion };
}

/** Second pass: the gaps from `offset` on, kind by kind in answer order, built only for the questions that hold them. */
export function pageOf(fb: FactBase, rows: GapRows, req: GapQuestion, counted: Counted, offset: number, limit: number): RawGap[] {
  const page: RawGap[] = [];
  let skip = offset;
  const positions = new Map<GapSituation, Position[]>();
  const positionsOf = (s: GapSituation) => {
    let p = positions.get(s);
    if (!p) {
      p = positionActors(fb, s, { standingOnly: true });
      positions.set(s, p);
    }
    return p;
  };
  const take = (gaps: RawGap[]) => {
    for (const g of gaps.slice(skip, skip + limit - page.length)) page.push(g);
    skip = Math.max(0, skip - gaps.length);
  };
  for (const kind of GAP_KINDS) {
    if ((SITUATION_KINDS as readonly string[]).includes(kind)) {
      counted.situations.forEach((s, i) => {
        const n = counted.perSituation[i]?.[kind as SituationKind] ?? 0;
        if (page.length >= limit || n === 0) return;
        if (skip >= n) {
          skip -= n;
          return;
        }
        take(situationGapsOf(kind as SituationKind, fb, rows, s, positionsOf(s), req.hops));
      });
    }
    if (page.length < limit) take(counted.standalone[kind] ?? []);
  }
  return page;
}

export type GapQuestion = Omit<GapsRequest, 'asOf' | 'timeoutMs' | 'limit' | 'offset' | 'timeBudgetMs'>;

/**
 * Count-first detection (pure, on loaded facts): the counts by kind and region of every gap, and
 * the evidence of one page of them (`offset`, `limit`), kind by kind in answer order. Only the
 * page's gaps get descriptions and evidence, so a whole large graph is counted without building
 * millions of them; past the time budget, a 422 asking to narrow.
 */
export function detectGaps(
  fb: FactBase,
  rows: GapRows,
  req: GapQuestion,
  { offset = 0, limit = Number.POSITIVE_INFINITY, timeBudgetMs = DEFAULT_ANALYSIS_BUDGETS.gapsMs } = {},
): { counts: GapCounts; gaps: RawGap[] } {
  const counted = runSteps(countSteps(fb, rows, req), gapsDeadline(Date.now() + timeBudgetMs));
  return { counts: summarize(fb, counted), gaps: pageOf(fb, rows, req, counted, offset, limit) };
}

/** Facts and the counts of one question on them: what a page of gaps is built from (the planner cache keeps it per graph version). */
export interface CountedFacts {
  fb: FactBase;
  rows: GapRows;
  counted: Counted;
  counts: GapCounts;
}

/** Reads the facts of the question (narrowed to its threat and region) and counts its gaps within the budget (a 422 past it). */
export async function countFresh(db: Database, caller: Caller, req: GapsRequest): Promise<CountedFacts> {
  const { fb, rows } = await loadGapFacts(db, caller, req.asOf, req.timeoutMs, { threat: req.threat, region: req.region });
  requireKnown(fb, req.threat, req.region);
  const deadline = gapsDeadline(Date.now() + (req.timeBudgetMs ?? DEFAULT_ANALYSIS_BUDGETS.gapsMs));
  const counted = await runSliced(countSteps(fb, rows, req), { onStep: deadline });
  return { fb, rows, counted, counts: summarize(fb, counted) };
}

/** GET /api/gaps: counts by kind and region (from `counting`: the planner cache, or read and counted now), then one page of gaps with their evidence. */
export async function findGaps(
  db: Database,
  caller: Caller,
  req: GapsRequest,
  counting: (caller: Caller, req: GapsRequest) => Promise<CountedFacts> = (c, r) => countFresh(db, c, r),
): Promise<{ counts: GapCounts; total: number; offset: number; truncated: boolean; gaps: Gap[] }> {
  const { fb, rows, counted, counts } = await counting(caller, req);
  const offset = req.offset ?? 0;
  const raw = pageOf(fb, rows, req, counted, offset, req.limit ?? Number.POSITIVE_INFINITY);
  const cited = await citeFacts(
    db,
    caller,
    raw.flatMap((g) => g.evidence),
    req.timeoutMs,
  );
  return {
    counts,
    total: counts.total,
    offset,
    truncated: offset + raw.length < counts.total,
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
