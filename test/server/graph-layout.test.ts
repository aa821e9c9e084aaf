import { describe, expect, it, vi } from 'vitest';
import { computePositions, graphVersion, LayoutCache, type Positions } from '../../server/src/features/graph/layout.js';
import { positionsOffThread } from '../../server/src/features/graph/layoutOffThread.js';
import type { GraphEdge, GraphNode, Subgraph } from '../../server/src/features/graph/model.js';

const node = (id: string): GraphNode => ({ id, label: 'Actor', name: id, acronym: null, kind: null, sensitivity: 'CLEAR' });
const edge = (source: string, target: string): GraphEdge => ({
  id: `${source}-${target}`,
  source,
  target,
  type: 'SUPPORTS',
  sensitivity: 'CLEAR',
  validFrom: null,
  validTo: null,
});
const graph = (ids: string[], pairs: Array<[string, string]>): Subgraph => ({
  nodes: ids.map(node),
  edges: pairs.map(([a, b]) => edge(a, b)),
});

describe('graphVersion', () => {
  it('is the same whatever the order of nodes and edges, and changes when one is added', () => {
    const a = graphVersion(graph(['x', 'y', 'z'], [['x', 'y']]));
    expect(graphVersion(graph(['z', 'y', 'x'], [['x', 'y']]))).toBe(a);
    expect(graphVersion(graph(['x', 'y', 'z', 'w'], [['x', 'y']]))).not.toBe(a);
    expect(
      graphVersion(
        graph(
          ['x', 'y', 'z'],
          [
            ['x', 'y'],
            ['y', 'z'],
          ],
        ),
      ),
    ).not.toBe(a);
  });

  it('ignores names: renaming a node does not move it', () => {
    const g = graph(['x', 'y'], [['x', 'y']]);
    const renamed = { ...g, nodes: g.nodes.map((n) => ({ ...n, name: `${n.name} (renamed)` })) };
    expect(graphVersion(renamed)).toBe(graphVersion(g));
  });
});

describe('computePositions', () => {
  it('places every node at whole, finite, distinct coordinates, neighbours closer than strangers', () => {
    // Two triangles joined by one edge: a node's neighbours sit nearer than the far triangle's nodes.
    const g = graph(
      ['a1', 'a2', 'a3', 'b1', 'b2', 'b3'],
      [
        ['a1', 'a2'],
        ['a2', 'a3'],
        ['a3', 'a1'],
        ['b1', 'b2'],
        ['b2', 'b3'],
        ['b3', 'b1'],
        ['a1', 'b1'],
      ],
    );
    const p = computePositions(g);
    expect(Object.keys(p).sort()).toEqual(['a1', 'a2', 'a3', 'b1', 'b2', 'b3']);
    for (const { x, y } of Object.values(p)) {
      expect(Number.isInteger(x) && Number.isInteger(y)).toBe(true);
    }
    expect(new Set(Object.values(p).map(({ x, y }) => `${x},${y}`)).size).toBe(6);
    const d = (u: string, v: string) => Math.hypot((p[u]?.x ?? 0) - (p[v]?.x ?? 0), (p[u]?.y ?? 0) - (p[v]?.y ?? 0));
    expect(d('a2', 'a3')).toBeLessThan(d('a2', 'b3'));
    expect(d('b2', 'b3')).toBeLessThan(d('b2', 'a3'));
  });
});

describe('computePositions is the same drawing for the same graph', () => {
  it('gives equal positions on every run (fCoSE starts from a random seeded by the graph version), other ones for another graph', () => {
    const g: Subgraph = {
      nodes: ['a', 'b', 'c', 'd', 'e'].map(node),
      edges: [edge('a', 'b'), edge('b', 'c'), edge('c', 'd'), edge('d', 'e'), edge('e', 'a')],
    };
    const first = computePositions(g);
    expect(computePositions(g)).toEqual(first);
    const other: Subgraph = { ...g, edges: [...g.edges, edge('a', 'c')] };
    expect(computePositions(other)).not.toEqual(first);
    expect(Math.random()).not.toBe(Math.random());
  });
});

describe('computePositions with members to fold', () => {
  it('puts member states on a disc around their organisation, clear of the other nodes', () => {
    const org: GraphNode = { ...node('au'), kind: 'regional-organization' };
    const states = ['s1', 's2', 's3', 's4'].map((id): GraphNode => ({ ...node(id), kind: 'member-state' }));
    const others = ['x', 'y', 'z'].map(node);
    const g: Subgraph = {
      nodes: [org, ...states, ...others],
      edges: [...states.map((s) => ({ ...edge(s.id, 'au'), type: 'MEMBER_OF' })), edge('x', 'au'), edge('y', 'au'), edge('z', 'y')],
    };
    const p = computePositions(g);
    const d = (u: string, v: string) => Math.hypot((p[u]?.x ?? 0) - (p[v]?.x ?? 0), (p[u]?.y ?? 0) - (p[v]?.y ?? 0));
    for (const s of states) expect(d(s.id, 'au')).toBeLessThan(d('z', 'au'));
    expect(new Set(Object.values(p).map(({ x, y }) => `${x},${y}`)).size).toBe(g.nodes.length);
  });
});

describe('LayoutCache', () => {
  it('lays a version out once, again after a write changed it, and forgets the least recently used', async () => {
    const compute = vi.fn((g: Subgraph) => Object.fromEntries(g.nodes.map((n, i) => [n.id, { x: i, y: 0 }])));
    const cache = new LayoutCache(2, compute);
    const v1 = graph(['x', 'y'], [['x', 'y']]);
    const v2 = graph(['x', 'y', 'z'], [['x', 'y']]);
    const v3 = graph(['w'], []);
    const first = await cache.positionsFor(v1);
    expect(await cache.positionsFor(v1)).toEqual(first);
    expect(compute).toHaveBeenCalledTimes(1);
    expect((await cache.positionsFor(v2)).positions).toHaveProperty('z');
    expect(compute).toHaveBeenCalledTimes(2);
    await cache.positionsFor(v1); // v1 is now the most recently used
    await cache.positionsFor(v3); // evicts v2
    await cache.positionsFor(v1);
    expect(compute).toHaveBeenCalledTimes(3);
    await cache.positionsFor(v2);
    expect(compute).toHaveBeenCalledTimes(4);
  });

  it('lets concurrent requests for one version share one computation', async () => {
    let finish: (p: Positions) => void = () => undefined;
    const compute = vi.fn(() => new Promise<Positions>((resolve) => (finish = resolve)));
    const cache = new LayoutCache(2, compute);
    const g = graph(['x', 'y'], [['x', 'y']]);
    const waiting = [cache.positionsFor(g), cache.positionsFor(g), cache.positionsFor({ ...g, nodes: [...g.nodes].reverse() })];
    finish({ x: { x: 1, y: 2 }, y: { x: 3, y: 4 } });
    const answers = await Promise.all(waiting);
    expect(compute).toHaveBeenCalledTimes(1);
    expect(new Set(answers.map((a) => a.version)).size).toBe(1);
    for (const a of answers) expect(a.positions).toEqual({ x: { x: 1, y: 2 }, y: { x: 3, y: 4 } });
  });

  it('forgets a failed computation, so the next request lays the version out again', async () => {
    const compute = vi
      .fn()
      .mockRejectedValueOnce(new Error('worker died'))
      .mockResolvedValueOnce({ x: { x: 0, y: 0 } });
    const cache = new LayoutCache(2, compute);
    const g = graph(['x'], []);
    await expect(cache.positionsFor(g)).rejects.toThrow('worker died');
    expect((await cache.positionsFor(g)).positions).toEqual({ x: { x: 0, y: 0 } });
    expect(compute).toHaveBeenCalledTimes(2);
  });
});

describe('positionsOffThread', () => {
  it('lays a graph out on a worker thread: a position for every node, folded members beside their organisation', async () => {
    const org: GraphNode = { ...node('au'), kind: 'regional-organization' };
    const state: GraphNode = { ...node('s1'), kind: 'member-state' };
    const g: Subgraph = {
      nodes: [org, state, node('x'), node('y')],
      edges: [{ ...edge('s1', 'au'), type: 'MEMBER_OF' }, edge('x', 'au'), edge('y', 'x')],
    };
    const p = await positionsOffThread(g);
    expect(Object.keys(p).sort()).toEqual(['au', 's1', 'x', 'y']);
    const d = (u: string, v: string) => Math.hypot((p[u]?.x ?? 0) - (p[v]?.x ?? 0), (p[u]?.y ?? 0) - (p[v]?.y ?? 0));
    expect(d('s1', 'au')).toBeLessThan(d('y', 'au'));
  }, 30_000);
});
