import { describe, expect, it } from 'vitest';
import { cytoscape, registerFcose } from '../../client/src/graph/cytoscape';
import { displayLabel, legendEntries, toElements } from '../../client/src/graph/elements';
import { layoutOptions } from '../../client/src/graph/layout';
import { UNKNOWN_FILL } from '../../client/src/graph/palette';
import { node, smallGraph } from './fixtures';

describe('displayLabel', () => {
  it('prefers the acronym and falls back to the name', () => {
    expect(displayLabel({ name: 'African Union', acronym: 'AU' })).toBe('AU');
    expect(displayLabel({ name: 'West Africa', acronym: null })).toBe('West Africa');
    expect(displayLabel({ name: 'West Africa', acronym: '' })).toBe('West Africa');
  });
});

describe('toElements', () => {
  it('carries label, kind and style in node data', () => {
    const [first] = toElements(smallGraph);
    expect(first).toEqual({
      group: 'nodes',
      data: {
        id: 'a1',
        label: 'Actor',
        name: 'United Nations Office for West Africa and the Sahel',
        display: 'UNOWAS',
        caption: 'UNOWAS',
        kind: 'un-entity',
        sensitivity: 'CLEAR',
        fill: '#5b92e5',
        ink: '#000000',
        shape: 'ellipse',
      },
    });
  });

  it('drops edges whose endpoints were not returned', () => {
    const elements = toElements({
      nodes: [node('a', 'Actor', 'A'), node('b', 'Region', 'B')],
      edges: [
        { id: 'kept', source: 'a', target: 'b', type: 'OPERATES_IN', sensitivity: 'CLEAR' },
        { id: 'dangling', source: 'a', target: 'missing', type: 'OPERATES_IN', sensitivity: 'CLEAR' },
      ],
    });
    expect(elements.filter((e) => e.group === 'edges').map((e) => e.data.id)).toEqual(['kept']);
  });

  it('shows how many members are folded into a node after its label', () => {
    const [first] = toElements(smallGraph, { a1: 12 });
    expect(first?.data).toMatchObject({ display: 'UNOWAS', caption: 'UNOWAS +12', folded: 12 });
  });

  it('loads into a headless Cytoscape core and lays out', async () => {
    await registerFcose();
    const cy = cytoscape({ headless: true, elements: toElements(smallGraph) });
    cy.layout(layoutOptions('fcose', cy, () => undefined)).run();
    expect(cy.nodes()).toHaveLength(6);
    expect(cy.edges()).toHaveLength(2);
    expect(cy.getElementById('a4').data('fill')).toBe(UNKNOWN_FILL);
    cy.destroy();
  });
});

describe('legendEntries', () => {
  it('lists each kind present once with its count, known kinds first, unknown ones after', () => {
    expect(legendEntries(smallGraph.nodes).map((e) => [e.kind, e.count])).toEqual([
      ['un-entity', 2],
      ['regional-organization', 1],
      ['Threat', 1],
      ['Region', 1],
      ['militia-watch', 1],
    ]);
  });
});
