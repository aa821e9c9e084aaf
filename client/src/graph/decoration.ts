import { inkFor } from './contrast';

/** What a panel marks on the graph: the rest is faded; `focus` is zoomed to (`nonce` repeats it). */
export interface Highlight {
  nodes: string[];
  edges: string[];
  focus?: { nodes: string[]; edges: string[]; nonce: number };
}

/** How the Brokers panel restyles nodes: size by a normalized centrality, fill by community. */
export interface Decoration {
  size?: Record<string, number>;
  /** Node id → index of its community in the panel's list (which also sets its colour). */
  community?: Record<string, number>;
  articulation?: string[];
}

/** Twelve fills distinct enough to tell neighbouring communities apart; ink is chosen per fill. */
export const COMMUNITY_FILLS = [
  '#1f77b4',
  '#ff7f0e',
  '#2ca02c',
  '#d62728',
  '#9467bd',
  '#8c564b',
  '#e377c2',
  '#7f7f7f',
  '#bcbd22',
  '#17becf',
  '#aec7e8',
  '#ffbb78',
];

/** Fill and ink for the community at position `index` in the panel's list. */
export function communityStyle(index: number): { fill: string; ink: string } {
  const fill = COMMUNITY_FILLS[index % COMMUNITY_FILLS.length] as string;
  return { fill, ink: inkFor(fill) };
}
