import { beforeAll, describe, expect, it } from 'vitest';
import { cytoscape, registerFcose } from '../../client/src/graph/cytoscape';
import { toElements } from '../../client/src/graph/elements';
import { layoutOptions } from '../../client/src/graph/layout';
import { placeAddedNodes } from '../../client/src/graph/placement';
import { regionOf, regionPositions } from '../../client/src/graph/regionLayout';
import { LAYOUTS } from '../../client/src/view/viewState';
import { node, smallGraph } from './fixtures';

const headless = () => cytoscape({ headless: true, elements: toElements(smallGraph), styleEnabled: true });

// fCoSE loads on first use (its own chunk); the tests run layouts directly.
beforeAll(() => registerFcose());

describe('layouts', () => {
  it.each(LAYOUTS)('%s places every node at a distinct finite position', (name) => {
    const cy = headless();
    cy.layout(layoutOptions(name, cy, () => undefined)).run();
    const keys = cy.nodes().map((n) => `${Math.round(n.position('x'))},${Math.round(n.position('y'))}`);
    expect(keys.every((k) => !k.includes('NaN'))).toBe(true);
    expect(new Set(keys).size).toBe(cy.nodes().length);
    cy.destroy();
  });

  it('concentric puts the heaviest node in the middle ring', () => {
    const cy = headless();
    cy.layout(layoutOptions('concentric', cy, (id) => (id === 'a3' ? 1 : 0.1))).run();
    const centre = cy.nodes().boundingBox({});
    const distance = (id: string) => {
      const p = cy.getElementById(id).position();
      return Math.hypot(p.x - (centre.x1 + centre.x2) / 2, p.y - (centre.y1 + centre.y2) / 2);
    };
    for (const other of ['a1', 'a2', 'a4', 't1', 'r1']) expect(distance('a3')).toBeLessThan(distance(other));
    cy.destroy();
  });

  it('groups nodes with the region they are linked to', () => {
    const cy = headless();
    expect(regionOf(cy, 'a1')).toBe('r1');
    expect(regionOf(cy, 'r1')).toBe('r1');
    expect(regionOf(cy, 'a2')).toBe('none');
    const positions = regionPositions(cy);
    const gap = (a: string, b: string) => {
      const p = positions.get(a);
      const q = positions.get(b);
      return p && q ? Math.hypot(p.x - q.x, p.y - q.y) : Number.NaN;
    };
    // a1 sits on r1's disc; a2 (no region) on another disc further away.
    expect(gap('a1', 'r1')).toBeLessThan(gap('a2', 'r1'));
    cy.destroy();
  });

  it('places added nodes beside their neighbour without moving the others', () => {
    const cy = headless();
    cy.layout(layoutOptions('fcose', cy, () => undefined)).run();
    const before = cy.nodes().map((n) => ({ ...n.position() }));
    const added = cy.add([
      ...toElements({ nodes: [node('x1', 'Actor', 'New actor', { kind: 'donor' })], edges: [] }),
      { group: 'edges', data: { id: 'ex', source: 'x1', target: 'a3', type: 'FUNDS' } },
    ]);
    placeAddedNodes(cy, added);
    expect(
      cy
        .nodes()
        .slice(0, before.length)
        .map((n) => n.position()),
    ).toEqual(before);
    const p = cy.getElementById('x1').position();
    const a3 = cy.getElementById('a3').position();
    expect(Math.hypot(p.x - a3.x, p.y - a3.y)).toBeGreaterThan(50);
    expect(Math.hypot(p.x - a3.x, p.y - a3.y)).toBeLessThan(150);
    cy.destroy();
  });
});
