import { describe, expect, it } from 'vitest';
import { neighbourhoodHighlight } from '../../client/src/features/Details/neighbourhood';
import { searchNotice } from '../../client/src/features/Search/searchNotice';
import { smallGraph } from './fixtures';

const wanep = { id: 'a9', name: 'WANEP' };
const state = { loaded: true, truncated: false, drawn: false, filteredOut: false, loading: false };

describe('searchNotice', () => {
  it('says nothing once the actor is drawn, whatever happened before', () => {
    expect(searchNotice(wanep, { ...state, drawn: true, truncated: true })).toBe('');
    expect(searchNotice(null, state)).toBe('');
  });

  it('tells apart loading, hidden by filters, not loaded and not in the graph', () => {
    expect(searchNotice(wanep, { ...state, loading: true })).toBe('Drawing WANEP and its neighbours…');
    expect(searchNotice(wanep, { ...state, filteredOut: true })).toMatch(/^WANEP is hidden by the filters/);
    expect(searchNotice(wanep, { ...state, loaded: false })).toMatch(/because the graph did not load/);
    expect(searchNotice(wanep, { ...state, truncated: true })).toBe(
      'WANEP is not in the drawn graph (only the first 5000 nodes are drawn). Its details are in the panel.',
    );
  });
});

describe('neighbourhoodHighlight', () => {
  it('marks a node, its direct neighbours and the edges between, and zooms to them', () => {
    expect(neighbourhoodHighlight(smallGraph, 'a1', 7)).toEqual({
      nodes: ['a1', 'r1'],
      edges: ['e1'],
      focus: { nodes: ['a1', 'r1'], edges: ['e1'], nonce: 7 },
    });
    expect(neighbourhoodHighlight(smallGraph, 'a2', 7).nodes).toEqual(['a2']);
  });
});
