import type { Collection, Core } from './cytoscape';

const RING = 90;

/**
 * Stable growth: nodes added to an already laid-out graph are placed on a ring around a placed
 * neighbour instead of re-running the layout, so nothing else moves.
 */
export function placeAddedNodes(cy: Core, added: Collection): void {
  // Nothing to place is the common case (a first draw at the server's positions), and the extent
  // below measures every drawn node with its label: over a second at 5,000 nodes.
  if (added.nodes().empty()) return;
  const fresh = new Set(added.nodes().map((n) => n.id()));
  const byAnchor = new Map<string, string[]>();
  for (const node of added.nodes()) {
    const anchor = node
      .neighborhood('node')
      .filter((n) => !fresh.has(n.id()))
      .first();
    const key = anchor.nonempty() ? anchor.id() : '';
    byAnchor.set(key, [...(byAnchor.get(key) ?? []), node.id()]);
  }
  const extent = byAnchor.has('')
    ? cy
        .nodes()
        .filter((n) => !fresh.has(n.id()))
        .boundingBox({})
    : { x2: Number.NaN, y1: Number.NaN };
  for (const [anchorId, ids] of byAnchor) {
    const centre = anchorId
      ? cy.getElementById(anchorId).position()
      : { x: Number.isFinite(extent.x2) ? extent.x2 + RING * 2 : 0, y: Number.isFinite(extent.y1) ? extent.y1 : 0 };
    const radius = RING + ids.length * 6;
    ids.forEach((id, i) => {
      const angle = (2 * Math.PI * i) / ids.length;
      cy.getElementById(id).position({ x: centre.x + radius * Math.cos(angle), y: centre.y + radius * Math.sin(angle) });
    });
  }
}
