import { describe, expect, it } from 'vitest';
import type { Graph, GraphEdge } from '../../client/src/api/types';
import { cytoscape } from '../../client/src/graph/cytoscape';
import { toElements } from '../../client/src/graph/elements';
import { applyPositions, covered, LANDMARKS, landmarkFontSize, landmarks } from '../../client/src/graph/readable';
import { foldMembers } from '../../client/src/view/folding';
import { UNFOLD_ALL } from '../../client/src/view/viewState';
import { foldParents } from '../../seed/src/folding';
import { node } from './fixtures';

const edge = (source: string, type: string, target: string): GraphEdge => ({
  id: `${source}-${type}-${target}`,
  source,
  target,
  type,
  sensitivity: 'CLEAR',
  validFrom: null,
  validTo: null,
});

// AU and ECOWAS with three member states (Nigeria in both), Ghana a country of West Africa.
const graph: Graph = {
  nodes: [
    node('au', 'Actor', 'African Union', { acronym: 'AU', kind: 'regional-organization' }),
    node('ecowas', 'Actor', 'ECOWAS', { acronym: 'ECOWAS', kind: 'subregional-organization' }),
    node('ng', 'Actor', 'Nigeria', { kind: 'member-state' }),
    node('gh', 'Actor', 'Ghana', { kind: 'member-state' }),
    node('ke', 'Actor', 'Kenya', { kind: 'member-state' }),
    node('wa', 'Region', 'West Africa', { kind: 'subregion' }),
    node('c-gh', 'Region', 'Ghana', { kind: 'country' }),
    node('wanep', 'Actor', 'WANEP', { kind: 'civil-society' }),
  ],
  edges: [
    edge('ng', 'MEMBER_OF', 'au'),
    edge('ng', 'MEMBER_OF', 'ecowas'),
    edge('gh', 'MEMBER_OF', 'ecowas'),
    edge('ke', 'MEMBER_OF', 'au'),
    edge('gh', 'OPERATES_IN', 'c-gh'),
    edge('c-gh', 'PART_OF', 'wa'),
    edge('wanep', 'PROVIDES_DATA_TO', 'ecowas'),
    edge('wanep', 'OPERATES_IN', 'wa'),
  ],
};
const ids = (g: Graph) => g.nodes.map((n) => n.id).sort();

describe('folding member states and countries', () => {
  it('folds member states into the organisations they belong to and countries into their region', () => {
    expect(Object.fromEntries(foldParents(graph))).toEqual({ ng: ['au', 'ecowas'], gh: ['ecowas'], ke: ['au'], 'c-gh': ['wa'] });
  });

  it('draws organisations and their ties, with a count of the members folded into each', () => {
    const { graph: drawn, folded, members } = foldMembers(graph, [], new Set());
    expect(ids(drawn)).toEqual(['au', 'ecowas', 'wa', 'wanep']);
    expect(drawn.edges.map((e) => e.id).sort()).toEqual(['wanep-OPERATES_IN-wa', 'wanep-PROVIDES_DATA_TO-ecowas']);
    expect(folded).toEqual({ au: 2, ecowas: 2, wa: 1 });
    expect(members).toEqual({ au: 2, ecowas: 2, wa: 1 });
  });

  it('unfolding one organisation draws its members (a member of two shows when either is unfolded)', () => {
    const { graph: drawn, folded } = foldMembers(graph, ['au'], new Set());
    expect(ids(drawn)).toEqual(['au', 'ecowas', 'ke', 'ng', 'wa', 'wanep']);
    expect(folded).toEqual({ ecowas: 1, wa: 1 });
    expect(drawn.edges.map((e) => e.id)).toContain('ng-MEMBER_OF-ecowas');
  });

  it('keeps a selected or highlighted member drawn, and unfolds everything on request', () => {
    expect(ids(foldMembers(graph, [], new Set(['gh'])).graph)).toContain('gh');
    expect(foldMembers(graph, [UNFOLD_ALL], new Set())).toEqual({ graph, folded: {}, members: { au: 2, ecowas: 2, wa: 1 } });
  });

  it('never folds a member into a parent that is not drawn', () => {
    const withoutAu = { nodes: graph.nodes.filter((n) => n.id !== 'au'), edges: graph.edges.filter((e) => e.target !== 'au') };
    expect(ids(foldMembers(withoutAu, [], new Set()).graph)).toContain('ke');
  });
});

describe('the readable first draw', () => {
  it('labels the nodes with the most ties (members folded in count) at any zoom', () => {
    const { graph: drawn, folded } = foldMembers(graph, [], new Set());
    const cy = cytoscape({ headless: true, styleEnabled: true, elements: toElements(drawn, folded) });
    expect(landmarks(cy, 2).map((n) => n.id())).toEqual(['ecowas', 'au']); // 1 tie + 2 folded; au before wa and wanep (2 each) by id
    expect(cy.getElementById('au').data('caption')).toBe('AU +2');
    expect(landmarks(cy).length).toBe(Math.min(LANDMARKS, cy.nodes().length));
    cy.destroy();
  });

  it('keeps landmark labels 12 px high on screen as the view zooms out, within bounds', () => {
    expect(landmarkFontSize(1)).toBe(12);
    expect(landmarkFontSize(0.5)).toBe(24);
    expect(landmarkFontSize(0.05)).toBe(48);
    expect(landmarkFontSize(3)).toBe(12);
  });

  it('places the nodes the server positioned and reports the others', () => {
    const cy = cytoscape({ headless: true, elements: toElements(graph) });
    const positions = { au: { x: 10, y: 20 }, ecowas: { x: -5, y: 7 } };
    expect(covered(cy, positions)).toBe(2);
    const missing = applyPositions(cy, positions);
    expect(cy.getElementById('au').position()).toEqual({ x: 10, y: 20 });
    expect(missing.map((n) => n.id()).sort()).toEqual(['c-gh', 'gh', 'ke', 'ng', 'wa', 'wanep']);
    cy.destroy();
  });
});
