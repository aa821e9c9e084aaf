import { describe, expect, it, vi } from 'vitest';
import { computePositions, graphVersion, LayoutCache } from '../../server/src/features/graph/layout.js';
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
  it('lays a version out once, again after a write changed it, and forgets the least recently used', () => {
    const compute = vi.fn((g: Subgraph) => Object.fromEntries(g.nodes.map((n, i) => [n.id, { x: i, y: 0 }])));
    const cache = new LayoutCache(2, compute);
    const v1 = graph(['x', 'y'], [['x', 'y']]);
    const v2 = graph(['x', 'y', 'z'], [['x', 'y']]);
    const v3 = graph(['w'], []);
    const first = cache.positionsFor(v1);
    expect(cache.positionsFor(v1)).toEqual(first);
    expect(compute).toHaveBeenCalledTimes(1);
    expect(cache.positionsFor(v2).positions).toHaveProperty('z');
    expect(compute).toHaveBeenCalledTimes(2);
    cache.positionsFor(v1); // v1 is now the most recently used
    cache.positionsFor(v3); // evicts v2
    cache.positionsFor(v1);
    expect(compute).toHaveBeenCalledTimes(3);
    cache.positionsFor(v2);
    expect(compute).toHaveBeenCalledTimes(4);
  });
});
