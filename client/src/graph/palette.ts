import type { GraphNode, NodeLabel } from '../api/types';
import { kindWord } from '../vocabulary';
import { inkFor } from './contrast';

/** Shapes we draw; a subset of Cytoscape's node shapes, also rendered by the legend swatches. */
export type KindShape = 'ellipse' | 'diamond' | 'round-rectangle' | 'triangle' | 'hexagon' | 'tag' | 'rectangle';

export interface KindStyle {
  kind: string;
  name: string;
  fill: string;
  ink: string;
  shape: KindShape;
}

/** Label of a node → its shape, so kind is never carried by colour alone. */
export const SHAPE_BY_LABEL: Record<NodeLabel, KindShape> = {
  Actor: 'ellipse',
  Mandate: 'tag',
  Agreement: 'diamond',
  Initiative: 'round-rectangle',
  Threat: 'triangle',
  Region: 'hexagon',
  Source: 'rectangle',
};

/** Actor kinds in legend order, with their fill; their names are the plain words of vocabulary.ts. */
const ACTOR_KINDS: Array<[kind: string, fill: string]> = [
  ['un-entity', '#5b92e5'],
  ['un-intergovernmental-body', '#1f4e9c'],
  ['regional-organization', '#2e7d32'],
  ['subregional-organization', '#81c784'],
  ['regional-body', '#00695c'],
  ['civil-society', '#f9a825'],
  ['ifi', '#6a1b9a'],
  ['donor', '#ce93d8'],
  ['member-state', '#80deea'],
  ['regional-architecture', '#558b2f'],
  ['think-tank', '#8d6e63'],
  ['foundation', '#f48fb1'],
  ['intergovernmental-organization', '#0277bd'],
];

const LABEL_FILLS: Record<NodeLabel, string> = {
  Actor: '#bdbdbd',
  Mandate: '#fff176',
  Agreement: '#4db6ac',
  Initiative: '#ffb74d',
  Threat: '#c62828',
  Region: '#aed581',
  Source: '#e0e0e0',
};

export const UNKNOWN_FILL = '#9e9e9e';
/** Kind given to an Actor whose `kind` is missing. */
export const UNSPECIFIED_ACTOR_KIND = 'actor';

function style(kind: string, name: string, fill: string, shape: KindShape): KindStyle {
  return { kind, name, fill, ink: inkFor(fill), shape };
}

/** Known kinds in legend order: actor kinds first, then the other node labels. */
export const KNOWN_KINDS: KindStyle[] = [
  ...ACTOR_KINDS.map(([kind, fill]) => style(kind, kindWord(kind).name, fill, SHAPE_BY_LABEL.Actor)),
  style(UNSPECIFIED_ACTOR_KIND, 'Actor (kind not recorded)', LABEL_FILLS.Actor, SHAPE_BY_LABEL.Actor),
  ...(Object.keys(SHAPE_BY_LABEL) as NodeLabel[])
    .filter((label) => label !== 'Actor')
    .map((label) => style(label, kindWord(label).name, LABEL_FILLS[label], SHAPE_BY_LABEL[label])),
];

const BY_KIND = new Map(KNOWN_KINDS.map((s) => [s.kind, s]));

/** Fill, text colour, shape and display name for a kind; unknown kinds get a neutral grey ellipse. */
export function styleFor(kind: string): KindStyle {
  return BY_KIND.get(kind) ?? style(kind, kindWord(kind).name, UNKNOWN_FILL, SHAPE_BY_LABEL.Actor);
}

/** Kind of a node: an Actor's own `kind`, otherwise its label. */
export function kindOf(node: Pick<GraphNode, 'label' | 'kind'>): string {
  if (node.label !== 'Actor') return node.label;
  return node.kind?.trim() || UNSPECIFIED_ACTOR_KIND;
}

export function kindOrder(kind: string): number {
  const index = KNOWN_KINDS.findIndex((s) => s.kind === kind);
  return index === -1 ? KNOWN_KINDS.length : index;
}
