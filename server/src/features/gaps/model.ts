import type { Named, RawFact, RelRef } from '../responders/model.js';

export { GAP_KINDS, type GapKind } from '@atlas/seed';

import type { GapKind } from '@atlas/seed';

/** A gap before its actors are turned into graph nodes and its facts get their sources. */
export interface RawGap {
  kind: GapKind;
  threat?: Named;
  region?: Named;
  actors: string[];
  description: string;
  evidence: RawFact[];
}

export interface AffectsRow {
  threatId: string;
  regionId: string;
  rel: RelRef;
}

export interface OrganizationRow {
  actorId: string;
  presence: Array<{ regionId: string; rel: RelRef }>;
  providers: string[];
}

export interface InitiativeRow {
  initiative: Named;
  funders: string[];
  threatIds: string[];
  regionIds: string[];
  participants: Array<{ actorId: string; role: string | null; rel: RelRef }>;
}

/** The facts the gap kinds beyond positioning need. */
export interface GapRows {
  affects: AffectsRow[];
  organizations: OrganizationRow[];
  initiatives: InitiativeRow[];
}
