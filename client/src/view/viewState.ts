import type { CoverageLevel, PathDirection, PathMode, Sensitivity } from '../api/types';

export const PANELS = ['details', 'paths', 'responders', 'brokers', 'documents', 'gaps', 'map'] as const;
export type PanelId = (typeof PANELS)[number];

export const LAYOUTS = ['fcose', 'concentric', 'region'] as const;
export type LayoutName = (typeof LAYOUTS)[number];

export const SENSITIVITIES: Sensitivity[] = ['CLEAR', 'GREEN', 'AMBER', 'RED'];

/** The view changes that undo/redo walks through. */
export interface Workspace {
  expanded: string[];
  hidden: string[];
  pinned: string[];
  /** Nodes whose folded members are drawn (see folding.ts); UNFOLD_ALL alone unfolds every one. */
  unfolded: string[];
}

/** The `unfolded` entry that stands for every node. */
export const UNFOLD_ALL = '*';

export interface Filters {
  /** Node kinds not drawn. */
  kinds: string[];
  /** Relationship types not drawn. */
  types: string[];
  /** Highest sensitivity drawn. */
  maxSensitivity: Sensitivity;
  /** The year the network is shown as it stood at (its last day), or null for today. */
  year: number | null;
  /** Only what touches this region (or its sub-regions), or '' for everywhere. */
  region: string;
  /** Only what touches this threat (or its subtypes), or '' for every threat. */
  threat: string;
}

export interface PathQuery {
  from: string;
  fromName: string;
  to: string;
  toName: string;
  mode: PathMode;
  types: string[];
  maxHops: number;
  k: number;
  direction: PathDirection;
}

export interface RespondersQuery {
  threat: string;
  region: string;
}

export interface BrokersQuery {
  measure: string;
  communities: boolean;
}

export interface GapsQuery {
  level: CoverageLevel;
  threat: string;
  region: string;
}

/** Draw the whole graph, or only the neighbourhoods the user expands (for data too large to draw). */
export type Scope = 'all' | 'expanded';

export interface ViewState {
  panel: PanelId;
  layout: LayoutName;
  scope: Scope;
  selected: string | null;
  workspace: Workspace;
  filters: Filters;
  paths: PathQuery | null;
  responders: RespondersQuery | null;
  brokers: BrokersQuery | null;
  gaps: GapsQuery | null;
}

export const EMPTY_WORKSPACE: Workspace = { expanded: [], hidden: [], pinned: [], unfolded: [] };

export const DEFAULT_FILTERS: Filters = { kinds: [], types: [], maxSensitivity: 'RED', year: null, region: '', threat: '' };

export const DEFAULT_VIEW: ViewState = {
  panel: 'details',
  layout: 'fcose',
  scope: 'all',
  selected: null,
  workspace: EMPTY_WORKSPACE,
  filters: DEFAULT_FILTERS,
  paths: null,
  responders: null,
  brokers: null,
  gaps: null,
};

/** The as-of date a year stands for: its last day, so facts begun during the year are shown. */
export function asOfDate(year: number | null): string | null {
  return year === null ? null : `${year}-12-31`;
}
