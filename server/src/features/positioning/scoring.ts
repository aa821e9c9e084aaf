import type { Relation } from './hierarchy.js';
import { PARTS, type PartName, type Weights } from './model.js';

/** Default weights of the five parts (see SCORING.md); a request may override each within 0..1. */
export const DEFAULT_WEIGHTS: Weights = { mandate: 0.35, presence: 0.25, instruments: 0.2, dataFeeds: 0.1, ties: 0.1 };

/** Discount of a mandate held by a related body (an organ's organization, or an organization's organ). */
export const INHERITED_MANDATE_FACTOR = 0.5;
/** Presence per level of a containing region (present in Africa when the question is West Africa: 0.5; the world: 0.25). */
export const CONTAINING_REGION_FACTOR = 0.5;
/** Presence of an organization only through member states present in the region. */
export const MEMBER_PRESENCE_FACTOR = 0.5;
/** Presence through taking part in an initiative that spans the region or a part of it (no OPERATES_IN there). */
export const INITIATIVE_PRESENCE_FACTOR = 0.5;
/** Presence where the actor is also CONSTRAINED_IN (the region, a part of it, or a containing one). */
export const CONSTRAINED_FACTOR = 0.5;
/** A mandate applying only in a part of the question's region. */
export const PARTIAL_REGION_MANDATE_FACTOR = 0.5;
/** An initiative or agreement targeting a broader threat (armed conflict for a question about a subtype). */
export const BROADER_THREAT_INSTRUMENT_FACTOR = 0.5;
/** A data feed with an actor that is not itself positioned, and a data-provider role in a relevant initiative. */
export const FEED_TO_UNPOSITIONED = 0.5;
export const DATA_PROVIDER_ROLE = 0.75;
/** Each tie to another positioned actor closes half the remaining gap: 1 tie 0.5, 2 ties 0.75, 3 ties 0.875. */
export const TIE_STRENGTH = 0.5;

/** Weight of a PARTICIPATES_IN role (PARTY_TO an agreement counts as 1). */
export const ROLE_WEIGHTS: Record<string, number> = {
  lead: 1,
  implementer: 0.8,
  funder: 0.8,
  'data-provider': 0.7,
  designer: 0.6,
  partner: 0.5,
  convener: 0.4,
  supporter: 0.4,
};
export const roleWeight = (role: string | null | undefined): number => (role ? (ROLE_WEIGHTS[role] ?? 0.4) : 1);

/** Scales the weights to sum to 1 (the caller's relative emphasis is kept). */
export function normalizeWeights(weights: Weights): Weights {
  const total = PARTS.reduce((sum, p) => sum + weights[p], 0);
  if (total <= 0) throw new RangeError('at least one weight must be above 0');
  return Object.fromEntries(PARTS.map((p) => [p, weights[p] / total])) as Weights;
}

/** Combines independent pieces of evidence in 0..1 so that each adds, none overshoots 1: 1 - prod(1 - x). */
export const noisyOr = (values: number[]): number => 1 - values.reduce((rest, v) => rest * (1 - Math.min(1, Math.max(0, v))), 1);

/** Presence in a region relative to the question's region: in it or a part of it counts fully, a containing region is discounted per level. */
export function presenceFactor(relation: Relation): number {
  if (relation.kind === 'same' || relation.kind === 'below') return 1;
  if (relation.kind === 'above') return CONTAINING_REGION_FACTOR ** relation.depth;
  return 0;
}

/** A mandate applying in the region or a containing one covers it; one applying in a part of it covers part of it. */
export function mandateRegionFactor(relation: Relation): number {
  if (relation.kind === 'same' || relation.kind === 'above') return 1;
  if (relation.kind === 'below') return PARTIAL_REGION_MANDATE_FACTOR;
  return 0;
}

/** A mandate covering the threat, a subtype of it, or a broader threat it is a kind of, covers it. */
export const mandateThreatFactor = (relation: Relation): number => (relation.kind === 'none' ? 0 : 1);

/** An instrument targeting the threat or a subtype counts fully; one targeting a broader threat counts half. */
export function instrumentThreatFactor(relation: Relation): number {
  if (relation.kind === 'same' || relation.kind === 'below') return 1;
  if (relation.kind === 'above') return BROADER_THREAT_INSTRUMENT_FACTOR;
  return 0;
}

export const tiesScore = (tiedActors: number): number => 1 - (1 - TIE_STRENGTH) ** tiedActors;

export const round4 = (x: number): number => Math.round(x * 10_000) / 10_000;

/** Total score and each part's contribution from the part scores and the (normalized) weights. */
export function combine(parts: Record<PartName, number>, weights: Weights): { score: number; contributions: Record<PartName, number> } {
  const contributions = Object.fromEntries(PARTS.map((p) => [p, parts[p] * weights[p]])) as Record<PartName, number>;
  const score = PARTS.reduce((sum, p) => sum + contributions[p], 0);
  return { score, contributions };
}
