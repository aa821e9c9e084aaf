import { describe, expect, it } from 'vitest';
import type { Database } from '../../server/src/db/database.js';
import { directedAdjacency, undirectedAdjacency } from '../../server/src/features/centrality/adjacency.js';
import { gdsBetweennessSeconds, gdsSeconds, refuseIfTooSlow } from '../../server/src/features/centrality/gds.js';
import { betweennessSamples, computeInProcess, inProcessRefusal } from '../../server/src/features/centrality/inProcess.js';
import { IN_PROCESS_MAX_RELATIONSHIPS } from '../../server/src/features/centrality/measures.js';
import type { SliceGraph } from '../../server/src/features/centrality/model.js';
import { allPairsKernel, brandesDependencies, sampleSources, seededRandom } from '../../server/src/features/centrality/paths.js';
import { rank } from '../../server/src/features/centrality/service.js';
import { cutStructure } from '../../server/src/features/centrality/structure.js';
import {
  busyWorkers,
  ComputationTimeout,
  MAX_BUSY_WORKERS,
  runAllPairs,
  runGraphology,
} from '../../server/src/features/centrality/workers.js';
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
  it('path P5: betweenness 0,3,4,3,0 (normalized by 2/(4*3)), closeness 4/sum(d), degree', async () => {
    const b = await scoresOf(ref.P5, 'betweenness');
    expectClose(b.value, { a: 0, b: 3, c: 4, d: 3, e: 0 });
    expectClose(b.normalized, { a: 0, b: 0.5, c: 4 / 6, d: 0.5, e: 0 });
    const c = await scoresOf(ref.P5, 'closeness');
    expectClose(c.normalized, { a: 0.4, b: 4 / 7, c: 4 / 6, d: 4 / 7, e: 0.4 });
    const d = await scoresOf(ref.P5, 'degree');
    expectClose(d.value, { a: 1, b: 2, c: 2, d: 2, e: 1 });
    expectClose(d.normalized, { a: 0.25, b: 0.5, c: 0.5 });
    expectClose((await scoresOf(ref.P5, 'harmonic')).value, { a: 1 + 1 / 2 + 1 / 3 + 1 / 4, c: 3 });
  });

  it('star S5: the hub lies on all 6 leaf pairs (normalized 1), closeness 1 vs 4/7', async () => {
    const b = await scoresOf(ref.S5, 'betweenness');
    expectClose(b.value, { h: 6, l1: 0 });
    expectClose(b.normalized, { h: 1, l1: 0 });
    expectClose((await scoresOf(ref.S5, 'closeness')).normalized, { h: 1, l1: 4 / 7 });
    expectClose((await scoresOf(ref.S5, 'degree')).normalized, { h: 1, l1: 0.25 });
    // Eigenvector of a star: hub 1/sqrt(2), each leaf 1/(2 sqrt(2)).
    expectClose((await scoresOf(ref.S5, 'eigenvector')).value, { h: Math.SQRT1_2, l1: Math.SQRT1_2 / 2 }, 1e-8);
  });

  it('barbell (two K4 joined by a4-b1): 12 pairs cross each end of the bridge', async () => {
    const b = await scoresOf(ref.BARBELL, 'betweenness');
    expectClose(b.value, { a1: 0, a4: 12, b1: 12, b4: 0 });
    expectClose(b.normalized, { a4: 24 / 42 });
    expectClose((await scoresOf(ref.BARBELL, 'closeness')).normalized, { a4: 7 / 10, a1: 7 / 14, b1: 7 / 10 });
    expectClose((await scoresOf(ref.BARBELL, 'degree')).value, { a1: 3, a4: 4 });
  });

  it('disconnected graph: closeness with the Wasserman-Faust factor, harmonic adds nothing for unreachable nodes', async () => {
    const c = await scoresOf(ref.SPLIT, 'closeness');
    expectClose(c.value, { a: 2 / 3, b: 1, d: 1 });
    expectClose(c.normalized, { a: (2 / 3) * (2 / 4), b: 2 / 4, d: 1 / 4 });
    expectClose((await scoresOf(ref.SPLIT, 'harmonic')).normalized, { a: 1.5 / 4, b: 2 / 4, d: 1 / 4 });
  });

  it('directed degree and PageRank with a dangling node match the networkx formula', async () => {
    expectClose((await scoresOf(ref.DANGLING, 'in-degree')).value, { a: 2, b: 1, d: 1, e: 0 });
    expectClose((await scoresOf(ref.DANGLING, 'out-degree')).value, { a: 2, d: 0, e: 1 });
    const pr = (await scoresOf(ref.DANGLING, 'pagerank')).value;
    expectClose(pr, ref.pagerank(ref.DANGLING), 1e-9);
    expect([...pr.values()].reduce((x, y) => x + y, 0)).toBeCloseTo(1, 12);
  });
});

describe('in-process centrality against networkx definitions on public networks', () => {
  for (const g of [ref.KARATE, ref.FLORENTINE]) {
    it(`${g.nodes.length} nodes: every measure within 1e-6 of the reference implementation`, async () => {
      const n = g.nodes.length;
      expectClose((await scoresOf(g, 'betweenness')).value, ref.betweenness(g), 1e-6);
      const { plain, wf } = ref.closeness(g);
      expectClose((await scoresOf(g, 'closeness')).value, plain, 1e-6);
      expectClose((await scoresOf(g, 'closeness')).normalized, wf, 1e-6);
      expectClose((await scoresOf(g, 'harmonic')).value, ref.harmonic(g), 1e-6);
      expectClose((await scoresOf(g, 'degree')).normalized, new Map([...ref.degree(g)].map(([id, d]) => [id, d / (n - 1)])), 1e-6);
      expectClose((await scoresOf(g, 'eigenvector')).value, ref.eigenvector(g), 1e-6);
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
      expectClose((await scoresOf(both, 'pagerank')).value, ref.pagerank(both), 1e-6);
    });
  }

  it('karate club: the published values (betweenness of members 1 and 34, PageRank) within 1e-3', async () => {
    const b = (await scoresOf(ref.KARATE, 'betweenness')).normalized;
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
    const pr = (await scoresOf(both, 'pagerank')).value;
    expect(pr.get('34')).toBeCloseTo(0.1009, 3);
    expect(pr.get('1')).toBeCloseTo(0.097, 3);
  });

  it('Florentine families: networkx test-suite betweenness values within 1e-3', async () => {
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
    expectClose((await scoresOf(ref.FLORENTINE, 'betweenness')).normalized, published, 1e-3);
  });
});

describe('sampled betweenness', () => {
  it('with every node as a source equals the exact value; k sources are distinct and repeatable', async () => {
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

  it('reports the estimate and scales k sources up by n / k', async () => {
    const scores = await computeInProcess(sliceOf(ref.S5), 'betweenness', 1);
    expect(scores.estimate).toEqual({ samples: 1 });
    // One source: a leaf gives the hub 3 (its paths to the other leaves), the hub itself 0.
    const hub = scores.value.get('h') as number;
    expect([0, 3 * 5 * 0.5]).toContainEqual(hub);
  });
});

describe('shortest-path measures on worker threads', () => {
  /** A random graph with a few hubs, big enough that every worker gets many sources. */
  function randomGraph(n: number, m: number): ref.TestGraph {
    const random = seededRandom(3);
    const nodes = Array.from({ length: n }, (_, i) => `v${i}`);
    const edges: Array<[string, string]> = [];
    for (let e = 0; e < m; e++) {
      // Squaring the draw favours low ids: a heavy-tailed degree distribution.
      const a = Math.floor(random() ** 2 * n);
      const b = Math.floor(random() * n);
      edges.push([nodes[a] as string, nodes[b] as string]);
    }
    return { nodes, edges };
  }

  it('two and three workers give the single-thread answer for every kernel, exact and sampled', async () => {
    const adj = undirectedAdjacency(sliceOf(randomGraph(1_500, 4_000)));
    const n = adj.ids.length;
    for (const task of ['betweenness', 'closeness', 'harmonic'] as const) {
      const alone = allPairsKernel(task, adj, sampleSources(n, n, 1));
      for (const workers of [2, 3]) {
        const split = await runAllPairs(adj, task, null, { workers });
        expect(split.length, task).toBe(alone.length);
        for (let i = 0; i < alone.length; i++) expect(split[i], `${task} ${i}`).toBeCloseTo(alone[i] as number, 6);
      }
    }
    const some = sampleSources(n, 100, 9);
    const sampledAlone = brandesDependencies(adj, some);
    const sampledSplit = await runAllPairs(adj, 'betweenness', some, { workers: 2 });
    for (let i = 0; i < n; i++) expect(sampledSplit[i]).toBeCloseTo(sampledAlone[i] as number, 6);
  });

  it('PageRank, eigenvector and Louvain give the same answer on a worker as on this thread', async () => {
    const g = randomGraph(1_500, 4_000);
    const directed = directedAdjacency(sliceOf(g));
    const undirected = undirectedAdjacency(sliceOf(g));
    for (const [adj, task] of [
      [directed, 'pagerank'],
      [undirected, 'eigenvector'],
      [undirected, 'louvain'],
    ] as const) {
      const here = await runGraphology(adj, task, { workers: 0 });
      const there = await runGraphology(adj, task, { workers: 1 });
      expect([...there], task).toEqual([...here]);
    }
    // Louvain found communities at all (a real split, not one node each or one block).
    const communities = new Set(await runGraphology(undirected, 'louvain', { workers: 1 }));
    expect(communities.size).toBeGreaterThan(1);
    expect(communities.size).toBeLessThan(undirected.ids.length);
  });

  it('stops the workers of a job that passes its deadline', async () => {
    const adj = undirectedAdjacency(sliceOf(randomGraph(1_500, 4_000)));
    // A worker takes far longer than 0 ms to start, so these deadlines always pass first.
    await expect(runAllPairs(adj, 'betweenness', null, { workers: 2, deadline: Date.now() })).rejects.toBeInstanceOf(ComputationTimeout);
    await expect(runGraphology(adj, 'louvain', { workers: 1, deadline: Date.now() })).rejects.toBeInstanceOf(ComputationTimeout);
    // With time to spare the same job answers.
    expect((await runAllPairs(adj, 'harmonic', null, { workers: 2, deadline: Date.now() + 60_000 })).length).toBe(adj.ids.length);
  });

  it('never runs more worker threads than the process limit, however many jobs come at once', async () => {
    const adj = undirectedAdjacency(sliceOf(randomGraph(1_500, 4_000)));
    let most = 0;
    const sampler = setInterval(() => {
      most = Math.max(most, busyWorkers());
    }, 1);
    try {
      const alone = await runGraphology(adj, 'pagerank', { workers: 0 });
      const answers = await Promise.all([
        runAllPairs(adj, 'harmonic', null, { workers: 3 }),
        runGraphology(adj, 'pagerank', { workers: 1 }),
        runGraphology(adj, 'pagerank', { workers: 1 }),
      ]);
      expect([...(answers[1] as Float64Array)]).toEqual([...alone]);
      expect([...(answers[2] as Float64Array)]).toEqual([...alone]);
    } finally {
      clearInterval(sampler);
    }
    expect(most).toBeGreaterThan(0);
    expect(most).toBeLessThanOrEqual(MAX_BUSY_WORKERS);
    expect(busyWorkers()).toBe(0);
  });

  it('a failing worker rejects the job and frees its slot', async () => {
    const adj = undirectedAdjacency(sliceOf(randomGraph(200, 400)));
    await expect(runGraphology(adj, 'no-such-task' as 'pagerank', { workers: 1 })).rejects.toThrow();
    expect(busyWorkers()).toBe(0);
  });

  it('power iteration: an empty slice has no scores; one that does not converge says so', async () => {
    expect((await computeInProcess({ nodes: [], edges: [] }, 'eigenvector')).value.size).toBe(0);
    expect((await computeInProcess({ nodes: [], edges: [] }, 'pagerank')).value.size).toBe(0);
    // Two separate stars of 100 and 99 leaves: leading eigenvalues 1 + sqrt(100) and 1 + sqrt(99)
    // (graphology iterates with A + I) are too close for 1,000 iterations to separate.
    const star = (hub: string, leaves: number): Array<[string, string]> => Array.from({ length: leaves }, (_, i) => [hub, `${hub}-${i}`]);
    const edges = [...star('a', 100), ...star('b', 99)];
    const twoStars: ref.TestGraph = { nodes: [...new Set(edges.flat())], edges };
    await expect(computeInProcess(sliceOf(twoStars), 'eigenvector')).rejects.toThrow(/did not converge/);
    await expect(computeInProcess(sliceOf(twoStars), 'eigenvector', undefined, { workers: 1 })).rejects.toThrow(/did not converge/);
  });

  it('computeInProcess on workers still matches networkx on the karate club', async () => {
    const workers = { workers: 2 };
    const b = await computeInProcess(sliceOf(ref.KARATE), 'betweenness', undefined, workers);
    expectClose(b.value, ref.betweenness(ref.KARATE), 1e-6);
    const c = await computeInProcess(sliceOf(ref.KARATE), 'closeness', undefined, workers);
    expectClose(c.normalized, ref.closeness(ref.KARATE).wf, 1e-6);
    const h = await computeInProcess(sliceOf(ref.KARATE), 'harmonic', undefined, workers);
    expectClose(h.value, ref.harmonic(ref.KARATE), 1e-6);
    const pr = await computeInProcess(sliceOf(ref.KARATE), 'eigenvector', undefined, { workers: 1 });
    expectClose(pr.value, ref.eigenvector(ref.KARATE), 1e-6);
  });
});

describe('large graphs', () => {
  it('betweenness is exact while n (n + 2m) search steps fit the budget, then sampled within a budget of BFS steps', async () => {
    expect(betweennessSamples(10_000, 30_000, undefined)).toBeNull();
    // The 10k-actor benchmark slice: 1.65e9 steps, exact.
    expect(betweennessSamples(14_514, 49_495, undefined)).toBeNull();
    expect(betweennessSamples(30_000, 60_000, undefined)).toBe(1_000);
    expect(betweennessSamples(100_000, 300_000, undefined)).toBe(500);
    expect(betweennessSamples(1_000_000, 3_000_000, undefined)).toBe(50);
    expect(betweennessSamples(20_000, 20_000, undefined)).toBeNull();
    expect(betweennessSamples(50, 100, 10)).toBe(10);
    expect(betweennessSamples(50, 100, 50)).toBeNull();
  });

  it('says before reading a slice whether the in-process engine takes it: size, then all-pairs budget', () => {
    expect(inProcessRefusal('pagerank', { nodes: 144_000, relationships: 490_000 })).toBeNull();
    const large = inProcessRefusal('pagerank', { nodes: 1_440_000, relationships: IN_PROCESS_MAX_RELATIONSHIPS + 1 });
    expect(large).toMatchObject({ status: 422, code: 'too-large', detail: expect.stringMatching(/Narrow the slice.*engine=gds/) });
    expect(inProcessRefusal('structure', { nodes: 10, relationships: IN_PROCESS_MAX_RELATIONSHIPS + 1 })?.detail).not.toMatch(/gds/);
    // Exact betweenness while it fits its budget; above, sampled sources keep it within budget.
    expect(inProcessRefusal('betweenness', { nodes: 100_000, relationships: 490_000 })).toBeNull();
    expect(inProcessRefusal('betweenness', { nodes: 100_000, relationships: 490_000 }, 100_000)).toMatchObject({ code: 'too-expensive' });
    expect(inProcessRefusal('closeness', { nodes: 100_000, relationships: 490_000 })).toMatchObject({ code: 'too-expensive' });
    expect(inProcessRefusal('closeness', { nodes: 10_000, relationships: 50_000 })).toBeNull();
  });

  it('refuses closeness on a graph too large for the in-process engine, saying how to narrow it', async () => {
    const ids = Array.from({ length: 60_000 }, (_, i) => `n${i}`);
    const long: ref.TestGraph = { nodes: ids, edges: ids.slice(1).map((id, i): [string, string] => [ids[i] as string, id]) };
    await expect(computeInProcess(sliceOf(long), 'closeness')).rejects.toThrow(/narrow the slice/);
    expect((await computeInProcess(sliceOf(long), 'degree')).graph).toEqual({ nodes: 60_000, relationships: 59_999 });
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

  it('P5: the three inner nodes each split it in two; every edge is a bridge', async () => {
    expect(cut(ref.P5)).toEqual({ points: { b: 2, c: 2, d: 2 }, bridges: ['a-b', 'b-c', 'c-d', 'd-e'] });
  });

  it('S5: the hub splits it into four; every edge is a bridge', async () => {
    expect(cut(ref.S5)).toEqual({ points: { h: 4 }, bridges: ['h-l1', 'h-l2', 'h-l3', 'h-l4'] });
  });

  it('barbell: the two ends of the joining edge, which is the only bridge', async () => {
    expect(cut(ref.BARBELL)).toEqual({ points: { a4: 2, b1: 2 }, bridges: ['a4-b1'] });
  });

  it('a cycle has none; parallel relationships do not hide a bridge of the simple graph', async () => {
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

  it('a 100,000-node path does not overflow the stack', async () => {
    const ids = Array.from({ length: 100_000 }, (_, i) => `n${i}`);
    const long: ref.TestGraph = { nodes: ids, edges: ids.slice(1).map((id, i): [string, string] => [ids[i] as string, id]) };
    const { articulationPoints, bridges } = cutStructure(undirectedAdjacency(sliceOf(long)));
    expect(articulationPoints.size).toBe(99_998);
    expect(bridges.length).toBe(99_999);
  });
});

describe('ranking', () => {
  it('sorts by value, ties by id sharing the rank of the first', async () => {
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

describe('GDS time estimates', () => {
  const db = { timeoutMs: 15_000 } as Database;

  it('say before starting that Louvain or sampled betweenness on a 1M-actor graph cannot finish in the budget', () => {
    // The 1M-actor benchmark graph: 1.44M nodes, 4.88M relationships.
    const steps = 1_440_370 + 4_876_736;
    expect(() => refuseIfTooSlow(db, 'louvain', gdsSeconds.louvainPerStep * steps)).toThrow(/about \d+ s by GDS.*15 s budget/);
    expect(() => refuseIfTooSlow(db, 'betweenness', gdsSeconds.betweennessPerSourceStep * 1000 * steps)).toThrow(/fewer samples/);
    expect(() => refuseIfTooSlow(db, 'louvain', gdsSeconds.louvainPerStep * 50_000)).not.toThrow();
  });

  it('betweenness costs more per step on a larger graph: the two measured runs (100k and 1M actors) come out within 10 %', () => {
    // 100k actors: 1,000 sources over n + m = 632k took 51 s; 1M actors: 100 sources over 3.7M took 178 s.
    expect(gdsBetweennessSeconds(1000, 632_000) / 51).toBeCloseTo(1, 1);
    expect(Math.abs(gdsBetweennessSeconds(100, 3_700_000) / 178 - 1)).toBeLessThan(0.1);
    // Below the calibration graph the rate stays the calibrated one: linear in sources and steps.
    expect(gdsBetweennessSeconds(10, 10_000)).toBeCloseTo(gdsSeconds.betweennessPerSourceStep * 10 * 10_000, 12);
    expect(() => refuseIfTooSlow(db, 'betweenness', gdsBetweennessSeconds(100, 3_700_000))).toThrow(/about 1\d\d s by GDS/);
  });
});
