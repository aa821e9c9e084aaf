// Weighted measures and undirected ties (issue 15), on tiny graphs worked out by hand.
import { describe, expect, it } from 'vitest';
import { directedAdjacency } from '../../server/src/features/centrality/adjacency.js';
import { computeInProcess } from '../../server/src/features/centrality/inProcess.js';
import type { SliceGraph } from '../../server/src/features/centrality/model.js';

type Tie = [string, string, number?, boolean?];

const slice = (nodes: string[], ties: Tie[]): SliceGraph => ({
  nodes: nodes.map((id) => ({ id, name: id, label: 'Actor', kind: null })),
  edges: ties.map(([source, target, weight, directed], i) => ({
    source,
    target,
    type: 'DIALOGUE_WITH',
    id: `r${i}`,
    weight: weight ?? null,
    directed: directed ?? true,
  })),
});

const values = (m: Map<string, number>) => Object.fromEntries([...m].map(([k, v]) => [k, Number(v.toFixed(12))]));

describe('weights as lengths: betweenness, closeness, harmonic', () => {
  // a-b 1, b-c 1, a-c 3: a to c is shorter through b (2 < 3), so b lies on the one a-c path.
  const triangle = slice(
    ['a', 'b', 'c'],
    [
      ['a', 'b', 1],
      ['b', 'c', 1],
      ['a', 'c', 3],
    ],
  );

  it('betweenness counts shortest paths by total weight', async () => {
    expect(values((await computeInProcess(triangle, 'betweenness')).value)).toEqual({ a: 0, b: 0, c: 0 });
    const weighted = await computeInProcess(triangle, 'betweenness', undefined, {}, true);
    expect(values(weighted.value)).toEqual({ a: 0, b: 1, c: 0 });
    // normalized by 2 / ((n - 1)(n - 2)) = 1 for n = 3
    expect(values(weighted.normalized)).toEqual({ a: 0, b: 1, c: 0 });
  });

  it('shares a pair between equally short weighted paths', async () => {
    // a-b-d (0.5 + 1.5) and a-c-d (1 + 1) are both 2 long; a-d directly is 2.5. b to c is
    // shortest through a (0.5 + 1 = 1.5 against 2.5 through d), so a holds that pair.
    const square = slice(
      ['a', 'b', 'c', 'd'],
      [
        ['a', 'b', 0.5],
        ['b', 'd', 1.5],
        ['a', 'c', 1],
        ['c', 'd', 1],
        ['a', 'd', 2.5],
      ],
    );
    const b = await computeInProcess(square, 'betweenness', undefined, {}, true);
    expect(values(b.value)).toEqual({ a: 1, b: 0.5, c: 0.5, d: 0 });
  });

  it('closeness is (r - 1) / sum of weighted distances; harmonic sums 1 / distance', async () => {
    const c = await computeInProcess(triangle, 'closeness', undefined, {}, true);
    // a: d(b) = 1, d(c) = 2; b: 1, 1; c: 2, 1
    expect(values(c.value)).toEqual({ a: Number((2 / 3).toFixed(12)), b: 1, c: Number((2 / 3).toFixed(12)) });
    const h = await computeInProcess(triangle, 'harmonic', undefined, {}, true);
    expect(values(h.value)).toEqual({ a: 1.5, b: 2, c: 1.5 });
  });

  it('a tie without a weight counts 1', async () => {
    const mixed = slice(
      ['a', 'b', 'c'],
      [
        ['a', 'b'],
        ['b', 'c'],
        ['a', 'c', 3],
      ],
    );
    expect(values((await computeInProcess(mixed, 'betweenness', undefined, {}, true)).value)).toEqual({ a: 0, b: 1, c: 0 });
  });
});

describe('weights as strengths: PageRank', () => {
  it('passes a node score on in proportion to its ties weights', async () => {
    // a -> b (3), a -> c (1), b -> a, c -> a. With d = 0.85: x_a = 0.05 + 0.85 (x_b + x_c),
    // x_b = 0.05 + 0.85 * 0.75 x_a, x_c = 0.05 + 0.85 * 0.25 x_a; solved: x_a = 0.4864864...
    const g = slice(
      ['a', 'b', 'c'],
      [
        ['a', 'b', 3],
        ['a', 'c', 1],
        ['b', 'a', 1],
        ['c', 'a', 1],
      ],
    );
    const p = await computeInProcess(g, 'pagerank', undefined, {}, true);
    const xa = (0.05 + 0.85 * 0.1) / (1 - 0.85 * 0.85);
    expect(p.value.get('a')).toBeCloseTo(xa, 10);
    expect(p.value.get('b')).toBeCloseTo(0.05 + 0.85 * 0.75 * xa, 10);
    expect(p.value.get('c')).toBeCloseTo(0.05 + 0.85 * 0.25 * xa, 10);
    const unweighted = await computeInProcess(g, 'pagerank');
    expect(unweighted.value.get('b')).toBeCloseTo(unweighted.value.get('c') as number, 12);
  });
});

describe('undirected ties', () => {
  it('are read both ways by the directed measures, once by the others', async () => {
    const one = slice(['a', 'b'], [['a', 'b', undefined, false]]);
    const p = await computeInProcess(one, 'pagerank');
    expect(values(p.value)).toEqual({ a: 0.5, b: 0.5 });
    expect(values((await computeInProcess(one, 'in-degree')).value)).toEqual({ a: 1, b: 1 });
    const arrow = slice(['a', 'b'], [['a', 'b']]);
    expect((await computeInProcess(arrow, 'pagerank')).value.get('a')).toBeLessThan(0.5);
    expect(directedAdjacency(one).size).toBe(2);
    expect((await computeInProcess(one, 'degree')).graph.relationships).toBe(1);
  });
});
