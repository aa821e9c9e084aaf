import { describe, expect, it } from 'vitest';
import { undirectedAdjacency } from '../../server/src/features/centrality/adjacency.js';
import { betweennessSamples, computeInProcess } from '../../server/src/features/centrality/inProcess.js';
import type { SliceGraph } from '../../server/src/features/centrality/model.js';
import { brandesDependencies, sampleSources } from '../../server/src/features/centrality/paths.js';
import { rank } from '../../server/src/features/centrality/service.js';
import { cutStructure } from '../../server/src/features/centrality/structure.js';
import * as ref from './centrality.reference.js';

const sliceOf = (g: ref.TestGraph): SliceGraph => ({
  nodes: g.nodes.map((id) => ({ id, name: id, label: 'Actor', kind: null })),
  edges: g.edges.map(([source, target], i) => ({ source, target, type: 'DIALOGUE_WITH', id: `r${i}` })),
});

const scoresOf = (g: ref.TestGraph, measure: Parameters<typeof computeInProcess>[1]) => computeInProcess(sliceOf(g), measure);

function expectClose(actual: Map<string, number>, expected: Record<string, number> | Map<string, number>, tolerance = 1e-9) {
  const want = expected instanceof Map ? expected : new Map(Object.entries(expected));
  for (const [id, v] of want) expect(actual.get(id), id).toBeCloseTo(v, -Math.log10(tolerance));
}

describe('in-process centrality on hand-worked graphs', () => {
  it('path P5: betweenness 0,3,4,3,0 (normalized by 2/(4*3)), closeness 4/sum(d), degree', () => {
    const b = scoresOf(ref.P5, 'betweenness');
    expectClose(b.value, { a: 0, b: 3, c: 4, d: 3, e: 0 });
    expectClose(b.normalized, { a: 0, b: 0.5, c: 4 / 6, d: 0.5, e: 0 });
    const c = scoresOf(ref.P5, 'closeness');
    expectClose(c.normalized, { a: 0.4, b: 4 / 7, c: 4 / 6, d: 4 / 7, e: 0.4 });
    const d = scoresOf(ref.P5, 'degree');
    expectClose(d.value, { a: 1, b: 2, c: 2, d: 2, e: 1 });
    expectClose(d.normalized, { a: 0.25, b: 0.5, c: 0.5 });
    expectClose(scoresOf(ref.P5, 'harmonic').value, { a: 1 + 1 / 2 + 1 / 3 + 1 / 4, c: 3 });
  });

  it('star S5: the hub lies on all 6 leaf pairs (normalized 1), closeness 1 vs 4/7', () => {
    const b = scoresOf(ref.S5, 'betweenness');
    expectClose(b.value, { h: 6, l1: 0 });
    expectClose(b.normalized, { h: 1, l1: 0 });
    expectClose(scoresOf(ref.S5, 'closeness').normalized, { h: 1, l1: 4 / 7 });
    expectClose(scoresOf(ref.S5, 'degree').normalized, { h: 1, l1: 0.25 });
    // Eigenvector of a star: hub 1/sqrt(2), each leaf 1/(2 sqrt(2)).
    expectClose(scoresOf(ref.S5, 'eigenvector').value, { h: Math.SQRT1_2, l1: Math.SQRT1_2 / 2 }, 1e-8);
  });

  it('barbell (two K4 joined by a4-b1): 12 pairs cross each end of the bridge', () => {
    const b = scoresOf(ref.BARBELL, 'betweenness');
    expectClose(b.value, { a1: 0, a4: 12, b1: 12, b4: 0 });
    expectClose(b.normalized, { a4: 24 / 42 });
    expectClose(scoresOf(ref.BARBELL, 'closeness').normalized, { a4: 7 / 10, a1: 7 / 14, b1: 7 / 10 });
    expectClose(scoresOf(ref.BARBELL, 'degree').value, { a1: 3, a4: 4 });
  });

  it('disconnected graph: closeness with the Wasserman-Faust factor, harmonic adds nothing for unreachable nodes', () => {
    const c = scoresOf(ref.SPLIT, 'closeness');
    expectClose(c.value, { a: 2 / 3, b: 1, d: 1 });
    expectClose(c.normalized, { a: (2 / 3) * (2 / 4), b: 2 / 4, d: 1 / 4 });
    expectClose(scoresOf(ref.SPLIT, 'harmonic').normalized, { a: 1.5 / 4, b: 2 / 4, d: 1 / 4 });
  });

  it('directed degree and PageRank with a dangling node match the networkx formula', () => {
    expectClose(scoresOf(ref.DANGLING, 'in-degree').value, { a: 2, b: 1, d: 1, e: 0 });
    expectClose(scoresOf(ref.DANGLING, 'out-degree').value, { a: 2, d: 0, e: 1 });
    const pr = scoresOf(ref.DANGLING, 'pagerank').value;
    expectClose(pr, ref.pagerank(ref.DANGLING), 1e-9);
    expect([...pr.values()].reduce((x, y) => x + y, 0)).toBeCloseTo(1, 12);
  });
});

describe('in-process centrality against networkx definitions on public networks', () => {
  for (const g of [ref.KARATE, ref.FLORENTINE]) {
    it(`${g.nodes.length} nodes: every measure within 1e-6 of the reference implementation`, () => {
      const n = g.nodes.length;
      expectClose(scoresOf(g, 'betweenness').value, ref.betweenness(g), 1e-6);
      const { plain, wf } = ref.closeness(g);
      expectClose(scoresOf(g, 'closeness').value, plain, 1e-6);
      expectClose(scoresOf(g, 'closeness').normalized, wf, 1e-6);
      expectClose(scoresOf(g, 'harmonic').value, ref.harmonic(g), 1e-6);
      expectClose(scoresOf(g, 'degree').normalized, new Map([...ref.degree(g)].map(([id, d]) => [id, d / (n - 1)])), 1e-6);
      expectClose(scoresOf(g, 'eigenvector').value, ref.eigenvector(g), 1e-6);
      // networkx runs PageRank on an undirected graph as the directed graph with both directions.
      const both: ref.TestGraph = {
        nodes: g.nodes,
        edges: g.edges.flatMap(
          ([u, v]): Array<[string, string]> => [
            [u, v],
            [v, u],
          ],
        ),
      };
      expectClose(scoresOf(both, 'pagerank').value, ref.pagerank(both), 1e-6);
    });
  }

  it('karate club: the published values (betweenness of members 1 and 34, PageRank) within 1e-3', () => {
    const b = scoresOf(ref.KARATE, 'betweenness').normalized;
    expect(b.get('1')).toBeCloseTo(0.4376, 3);
    expect(b.get('34')).toBeCloseTo(0.3041, 3);
    const both: ref.TestGraph = {
      nodes: ref.KARATE.nodes,
      edges: ref.KARATE.edges.flatMap(
        ([u, v]): Array<[string, string]> => [
          [u, v],
          [v, u],
        ],
      ),
    };
    const pr = scoresOf(both, 'pagerank').value;
    expect(pr.get('34')).toBeCloseTo(0.1009, 3);
    expect(pr.get('1')).toBeCloseTo(0.097, 3);
  });

  it('Florentine families: networkx test-suite betweenness values within 1e-3', () => {
    // networkx/algorithms/centrality/tests/test_betweenness_centrality.py, test_florentine_families_graph.
    const published = {
      Acciaiuoli: 0.0,
      Albizzi: 0.212,
      Barbadori: 0.093,
      Bischeri: 0.104,
      Castellani: 0.055,
      Ginori: 0.0,
      Guadagni: 0.255,
      Lamberteschi: 0.0,
      Medici: 0.522,
      Pazzi: 0.0,
      Peruzzi: 0.022,
      Ridolfi: 0.114,
      Salviati: 0.143,
      Strozzi: 0.103,
      Tornabuoni: 0.092,
    };
    expectClose(scoresOf(ref.FLORENTINE, 'betweenness').normalized, published, 1e-3);
  });
});

describe('sampled betweenness', () => {
  it('with every node as a source equals the exact value; k sources are distinct and repeatable', () => {
    const adj = undirectedAdjacency(sliceOf(ref.KARATE));
    const n = adj.ids.length;
    const all = brandesDependencies(adj, sampleSources(n, n, 7));
    const exact = ref.betweenness(ref.KARATE);
    adj.ids.forEach((id, i) => {
      expect((all[i] as number) / 2, id).toBeCloseTo(exact.get(id) as number, 9);
    });
    const k = sampleSources(n, 10, 7);
    expect(new Set(k).size).toBe(10);
    expect([...sampleSources(n, 10, 7)]).toEqual([...k]);
  });

  it('reports the estimate and scales k sources up by n / k', () => {
    const scores = computeInProcess(sliceOf(ref.S5), 'betweenness', 1);
    expect(scores.estimate).toEqual({ samples: 1 });
    // One source: a leaf gives the hub 3 (its paths to the other leaves), the hub itself 0.
    const hub = scores.value.get('h') as number;
    expect([0, 3 * 5 * 0.5]).toContainEqual(hub);
  });
});

describe('large graphs', () => {
  it('betweenness is exact up to 10,000 nodes, then sampled within a budget of BFS steps', () => {
    expect(betweennessSamples(10_000, 30_000, undefined)).toBeNull();
    expect(betweennessSamples(100_000, 300_000, undefined)).toBe(500);
    expect(betweennessSamples(1_000_000, 3_000_000, undefined)).toBe(50);
    expect(betweennessSamples(20_000, 20_000, undefined)).toBe(1_000);
    expect(betweennessSamples(50, 100, 10)).toBe(10);
    expect(betweennessSamples(50, 100, 50)).toBeNull();
  });

  it('refuses closeness on a graph too large for the in-process engine, saying how to narrow it', () => {
    const ids = Array.from({ length: 60_000 }, (_, i) => `n${i}`);
    const long: ref.TestGraph = { nodes: ids, edges: ids.slice(1).map((id, i): [string, string] => [ids[i] as string, id]) };
    expect(() => computeInProcess(sliceOf(long), 'closeness')).toThrow(/narrow the slice/);
    expect(computeInProcess(sliceOf(long), 'degree').graph).toEqual({ nodes: 60_000, relationships: 59_999 });
  });
});

describe('articulation points and bridges', () => {
  const cut = (g: ref.TestGraph) => {
    const adj = undirectedAdjacency(sliceOf(g));
    const { articulationPoints, bridges } = cutStructure(adj);
    return {
      points: Object.fromEntries([...articulationPoints].map(([v, c]) => [adj.ids[v], c])),
      bridges: bridges.map(([a, b]) => [adj.ids[a], adj.ids[b]].sort().join('-')).sort(),
    };
  };

  it('P5: the three inner nodes each split it in two; every edge is a bridge', () => {
    expect(cut(ref.P5)).toEqual({ points: { b: 2, c: 2, d: 2 }, bridges: ['a-b', 'b-c', 'c-d', 'd-e'] });
  });

  it('S5: the hub splits it into four; every edge is a bridge', () => {
    expect(cut(ref.S5)).toEqual({ points: { h: 4 }, bridges: ['h-l1', 'h-l2', 'h-l3', 'h-l4'] });
  });

  it('barbell: the two ends of the joining edge, which is the only bridge', () => {
    expect(cut(ref.BARBELL)).toEqual({ points: { a4: 2, b1: 2 }, bridges: ['a4-b1'] });
  });

  it('a cycle has none; parallel relationships do not hide a bridge of the simple graph', () => {
    const cycle: ref.TestGraph = {
      nodes: ['a', 'b', 'c'],
      edges: [
        ['a', 'b'],
        ['b', 'c'],
        ['c', 'a'],
      ],
    };
    expect(cut(cycle)).toEqual({ points: {}, bridges: [] });
    const doubled: ref.TestGraph = {
      nodes: ['a', 'b'],
      edges: [
        ['a', 'b'],
        ['b', 'a'],
      ],
    };
    expect(cut(doubled)).toEqual({ points: {}, bridges: ['a-b'] });
  });

  it('a 100,000-node path does not overflow the stack', () => {
    const ids = Array.from({ length: 100_000 }, (_, i) => `n${i}`);
    const long: ref.TestGraph = { nodes: ids, edges: ids.slice(1).map((id, i): [string, string] => [ids[i] as string, id]) };
    const { articulationPoints, bridges } = cutStructure(undirectedAdjacency(sliceOf(long)));
    expect(articulationPoints.size).toBe(99_998);
    expect(bridges.length).toBe(99_999);
  });
});

describe('ranking', () => {
  it('sorts by value, ties by id sharing the rank of the first', () => {
    const ranked = rank(
      new Map([
        ['c', 1],
        ['a', 2],
        ['b', 1],
        ['d', 0.5],
      ]),
    );
    expect(ranked.map((r) => [r.id, r.rank])).toEqual([
      ['a', 1],
      ['b', 2],
      ['c', 2],
      ['d', 4],
    ]);
  });
});
