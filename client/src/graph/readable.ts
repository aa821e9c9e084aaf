import type { Positions } from '../api/types';
import type { Collection, Core, NodeSingular, Position } from './cytoscape';

/** How many nodes keep their label at any zoom: the ones a reader orients by. */
export const LANDMARKS = 30;
/** Landmark labels are drawn at least this many pixels high on screen, at most this many model units. */
const LABEL_PX = 12;
const LABEL_MAX = 48;

/**
 * The nodes that matter at the opening zoom: most ties drawn plus members folded into them, so an
 * organisation whose member states are folded still counts them.
 */
export function landmarks(cy: Core, count = LANDMARKS): Collection {
  const weight = new Map(cy.nodes().map((n) => [n.id(), n.degree(false) + Number(n.data('folded') ?? 0)]));
  const ranked = [...weight.keys()].sort((a, b) => (weight.get(b) ?? 0) - (weight.get(a) ?? 0) || a.localeCompare(b)).slice(0, count);
  const chosen = cy.collection();
  for (const id of ranked) chosen.merge(cy.getElementById(id));
  return chosen;
}

/** Marks the landmarks (their labels always show, sized to stay readable as the view zooms out). */
export function markLandmarks(cy: Core): void {
  cy.batch(() => {
    cy.nodes('.landmark').removeClass('landmark');
    landmarks(cy).addClass('landmark');
  });
  sizeLandmarkLabels(cy);
}

/** Landmark font size (model units) for the current zoom: LABEL_PX on screen, within bounds. */
export function landmarkFontSize(zoom: number): number {
  return Math.min(LABEL_MAX, Math.max(LABEL_PX, Math.round(LABEL_PX / zoom)));
}

export function sizeLandmarkLabels(cy: Core): void {
  const size = landmarkFontSize(cy.zoom());
  const marked = cy.nodes('.landmark');
  if (marked.nonempty() && marked.first().data('labelSize') !== size) cy.batch(() => marked.data('labelSize', size));
}

/**
 * Places the nodes (default: all) the positions cover; returns the ones they do not (to place
 * beside a neighbour). Only nodes not already there move, in one bulk call: setting 5,000 nodes one
 * by one to where they already were took a second.
 */
export function applyPositions(cy: Core, positions: Positions, nodes: Collection = cy.elements()): Collection {
  const missing = nodes.nodes().filter((node) => !positions[node.id()]);
  const moved = nodes.nodes().filter((node) => {
    const p = positions[node.id()];
    const at = node.position();
    return p !== undefined && (p.x !== at.x || p.y !== at.y);
  });
  if (moved.nonempty()) moved.positions((node) => positions[(node as NodeSingular).id()] as Position);
  return missing;
}

/** Node size margin around the centres a fit frames (the largest node drawn is 72 wide). */
const FIT_MARGIN = 36;

/**
 * Fits the view to the nodes' centres plus a node's size. cy.fit() measures every label first
 * (0.6 s at 5,000 nodes, before the first frame); the labels that matter at that zoom are the
 * landmarks', which the padding leaves room for.
 */
export function fitToNodes(cy: Core, padding = 30): void {
  const box = { x1: Number.POSITIVE_INFINITY, y1: Number.POSITIVE_INFINITY, x2: Number.NEGATIVE_INFINITY, y2: Number.NEGATIVE_INFINITY };
  for (const node of cy.nodes()) {
    const { x, y } = node.position();
    box.x1 = Math.min(box.x1, x - FIT_MARGIN);
    box.y1 = Math.min(box.y1, y - FIT_MARGIN);
    box.x2 = Math.max(box.x2, x + FIT_MARGIN);
    box.y2 = Math.max(box.y2, y + FIT_MARGIN);
  }
  // cy.fit takes a bounding box as well as elements (Cytoscape's getFitViewport); the types only know elements.
  if (Number.isFinite(box.x1)) (cy.fit as unknown as (bb: typeof box, padding: number) => Core)(box, padding);
}

/** How many of the drawn nodes `positions` covers. */
export function covered(cy: Core, positions: Positions | undefined): number {
  if (!positions) return 0;
  return cy.nodes().filter((n) => Object.hasOwn(positions, n.id())).length;
}
