import type { Positions } from '../api/types';
import type { Collection, Core } from './cytoscape';

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

/** Places the nodes (default: all) the positions cover; returns the ones they do not (to place beside a neighbour). */
export function applyPositions(cy: Core, positions: Positions, nodes: Collection = cy.elements()): Collection {
  const missing = cy.collection();
  cy.batch(() => {
    for (const node of nodes.nodes()) {
      const p = positions[node.id()];
      if (p) node.position({ x: p.x, y: p.y });
      else missing.merge(node);
    }
  });
  return missing;
}

/** How many of the drawn nodes `positions` covers. */
export function covered(cy: Core, positions: Positions | undefined): number {
  if (!positions) return 0;
  return cy.nodes().filter((n) => Object.hasOwn(positions, n.id())).length;
}
