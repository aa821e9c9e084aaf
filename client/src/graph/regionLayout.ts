import type { Core } from './cytoscape';

type Point = { x: number; y: number };

const SPACING = 70;

/** The region a node belongs with: itself, or the first Region it is linked to; 'none' otherwise. */
export function regionOf(cy: Core, id: string): string {
  const node = cy.getElementById(id);
  if (node.data('label') === 'Region') return id;
  const region = node.neighborhood('node[label = "Region"]').first();
  return region.nonempty() ? region.id() : 'none';
}

/**
 * "Grouped by region": each region's nodes on a disc around the region, discs laid out on a grid,
 * largest first; nodes with no region share one last disc.
 */
export function regionPositions(cy: Core): Map<string, Point> {
  const groups = new Map<string, string[]>();
  for (const node of cy.nodes()) {
    const key = regionOf(cy, node.id());
    groups.set(key, [...(groups.get(key) ?? []), node.id()]);
  }
  const ordered = [...groups.entries()].sort((a, b) => (a[0] === 'none' ? 1 : b[0] === 'none' ? -1 : b[1].length - a[1].length));
  const radius = (n: number) => SPACING * Math.sqrt(n) * 0.6 + SPACING;
  const cell = 2 * radius(Math.max(...ordered.map(([, ids]) => ids.length)));
  const columns = Math.ceil(Math.sqrt(ordered.length));
  const positions = new Map<string, Point>();
  ordered.forEach(([region, ids], index) => {
    const centre = { x: (index % columns) * cell, y: Math.floor(index / columns) * cell };
    const members = ids.filter((id) => id !== region);
    if (region !== 'none') positions.set(region, centre);
    for (const [i, id] of members.entries()) positions.set(id, sunflower(centre, i, members.length));
  });
  return positions;
}

/** Evenly spread points on a disc (Vogel's sunflower), so a group of any size stays compact. */
function sunflower(centre: Point, i: number, n: number): Point {
  const r = SPACING * 0.6 * Math.sqrt(i + 1) + (n > 0 ? SPACING * 0.6 : 0);
  const angle = i * 2.399963;
  return { x: centre.x + r * Math.cos(angle), y: centre.y + r * Math.sin(angle) };
}
