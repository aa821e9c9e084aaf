import { describe, expect, it } from 'vitest';
import { edgesCsv, graphMl, nodesCsv } from '../../client/src/graph/exporters';
import { decodeView, encodeView } from '../../client/src/view/urlState';
import { DEFAULT_VIEW, type ViewState } from '../../client/src/view/viewState';
import { edgeTypes, mergeGraphs, visibleGraph, yearRange } from '../../client/src/view/visibleGraph';
import { node, smallGraph } from './fixtures';

const full: ViewState = {
  panel: 'paths',
  layout: 'region',
  scope: 'expanded',
  selected: 'a1',
  workspace: { expanded: ['a1', 'a3'], hidden: ['t1'], pinned: ['r1'], unfolded: ['a3'] },
  filters: { kinds: ['donor'], types: ['FUNDS'], maxSensitivity: 'AMBER', year: 2019, region: 'r1', threat: 't1' },
  paths: {
    from: 'a1',
    fromName: 'UNOWAS, Dakar',
    to: 'a3',
    toName: 'AU',
    mode: 'k-shortest',
    types: ['MEMBER_OF'],
    maxHops: 4,
    k: 5,
    direction: 'outgoing',
  },
  responders: { threat: 't1', region: 'r1' },
  brokers: { measure: 'pagerank', communities: true },
  gaps: { level: 'country', threat: 't1', region: 'r2' },
};

describe('view state in the URL', () => {
  it('round-trips every part of the view', () => {
    expect(decodeView(encodeView(full))).toEqual(full);
  });

  it('leaves defaults out, so the plain view has a plain address', () => {
    expect(encodeView(DEFAULT_VIEW)).toBe('');
    expect(decodeView('')).toEqual(DEFAULT_VIEW);
  });

  it('falls back to defaults for values it does not know', () => {
    const view = decodeView('panel=nope&layout=grid&sens=PURPLE&year=abc&from=a&to=b&hops=99&mode=fast');
    expect(view).toMatchObject({ panel: 'details', layout: 'fcose', filters: { maxSensitivity: 'RED', year: null } });
    expect(view.paths).toMatchObject({ from: 'a', to: 'b', maxHops: 6, mode: 'shortest' });
  });
});

describe('the visible graph', () => {
  it('applies kind, type, sensitivity and hidden filters; edges need both ends', () => {
    const graph = visibleGraph(smallGraph, { kinds: ['Threat'], types: [], maxSensitivity: 'RED', year: null, region: '', threat: '' }, [
      'r1',
    ]);
    expect(graph.nodes.map((n) => n.id)).toEqual(['a1', 'a2', 'a3', 'a4']);
    expect(graph.edges).toEqual([]);
    const clear = visibleGraph(
      smallGraph,
      { kinds: [], types: ['OPERATES_IN'], maxSensitivity: 'CLEAR', year: null, region: '', threat: '' },
      [],
    );
    expect(clear.edges).toEqual([]);
    expect(
      visibleGraph(smallGraph, { kinds: [], types: [], maxSensitivity: 'GREEN', year: null, region: '', threat: '' }, []).edges.map(
        (e) => e.id,
      ),
    ).toEqual(['e1', 'e2']);
  });

  it('narrows to what touches a region or its sub-regions, and a threat or its subtypes', () => {
    const graph = {
      nodes: [...smallGraph.nodes, node('r0', 'Region', 'Africa'), node('t0', 'Threat', 'Violence'), node('a5', 'Actor', 'Far away')],
      edges: [
        ...smallGraph.edges,
        { id: 'p1', source: 'r1', target: 'r0', type: 'PART_OF', sensitivity: 'CLEAR' as const },
        { id: 's1', source: 't1', target: 't0', type: 'SUBTYPE_OF', sensitivity: 'CLEAR' as const },
        { id: 'x', source: 'a5', target: 'a2', type: 'FUNDS', sensitivity: 'CLEAR' as const },
      ],
    };
    const base = { kinds: [], types: [], maxSensitivity: 'RED' as const, year: null, region: '', threat: '' };
    // a1 operates in West Africa, which is part of Africa.
    expect(visibleGraph(graph, { ...base, region: 'r0' }, []).nodes.map((n) => n.id)).toEqual(['a1', 'r1', 'r0']);
    // a3 responds to coastal spillover, a subtype of violence.
    expect(visibleGraph(graph, { ...base, threat: 't0' }, []).nodes.map((n) => n.id)).toEqual(['a3', 't1', 't0']);
  });

  it('merges graphs without duplicates and lists types and years', () => {
    const extra = {
      nodes: [smallGraph.nodes[0] as never, node('x', 'Actor', 'X')],
      edges: [
        {
          id: 'e3',
          source: 'x',
          target: 'a1',
          type: 'FUNDS',
          sensitivity: 'CLEAR' as const,
          validFrom: '2012-01-01',
          validTo: '2018-06-01',
        },
      ],
    };
    const merged = mergeGraphs(smallGraph, extra, null);
    expect(merged.nodes).toHaveLength(7);
    expect(edgeTypes(merged)).toEqual(['FUNDS', 'OPERATES_IN', 'RESPONDS_TO']);
    expect(yearRange(merged)).toEqual({ min: 2012, max: new Date().getFullYear() });
    expect(yearRange(smallGraph)).toBeNull();
  });
});

describe('exports of the visible subgraph', () => {
  const tricky = {
    nodes: [node('n1', 'Actor', 'Says "hi", then =SUM(A1)', { kind: 'donor' }), node('n2', 'Region', 'A & <B>')],
    edges: [{ id: 'e', source: 'n1', target: 'n2', type: 'OPERATES_IN', sensitivity: 'CLEAR' as const }],
  };

  it('writes CSV with quotes doubled and formulas neutralised', () => {
    const lines = nodesCsv(tricky).split('\r\n');
    expect(lines[0]).toBe('"id","label","kind","name","acronym","sensitivity"');
    expect(lines[1]).toBe('"n1","Actor","donor","Says ""hi"", then =SUM(A1)","","CLEAR"');
    expect(edgesCsv(tricky).split('\r\n')[1]).toBe('"e","n1","n2","OPERATES_IN","CLEAR","",""');
    expect(nodesCsv({ nodes: [node('n3', 'Actor', '=cmd()')], edges: [] }).split('\r\n')[1]).toContain(`"'=cmd()"`);
  });

  it('writes GraphML that an XML parser reads back', () => {
    const doc = new DOMParser().parseFromString(graphMl(tricky), 'application/xml');
    expect(doc.getElementsByTagName('parsererror')).toHaveLength(0);
    expect(doc.getElementsByTagName('node')).toHaveLength(2);
    const edge = doc.getElementsByTagName('edge')[0];
    expect([edge?.getAttribute('source'), edge?.getAttribute('target')]).toEqual(['n1', 'n2']);
    const name = [...doc.getElementsByTagName('data')].find((d) => d.getAttribute('key') === 'n_name' && d.textContent?.startsWith('A &'));
    expect(name?.textContent).toBe('A & <B>');
  });
});
