import { describe, expect, it } from 'vitest';
import { articulationPoints, componentsWithout } from '../../server/src/features/gaps/articulation.js';

const sorted = (s: Set<string>) => [...s].sort();

describe('articulationPoints (iterative Tarjan)', () => {
  it('finds the middle of a path and nothing in a cycle', () => {
    expect(
      sorted(
        articulationPoints(
          ['a', 'b', 'c'],
          [
            ['a', 'b'],
            ['b', 'c'],
          ],
        ),
      ),
    ).toEqual(['b']);
    expect(
      sorted(
        articulationPoints(
          ['a', 'b', 'c'],
          [
            ['a', 'b'],
            ['b', 'c'],
            ['c', 'a'],
          ],
        ),
      ),
    ).toEqual([]);
  });

  it('finds the shared node of two triangles and the hub of a star, but not a root with one child', () => {
    const bowtie = [
      ['a', 'b'],
      ['b', 'c'],
      ['c', 'a'],
      ['c', 'd'],
      ['d', 'e'],
      ['e', 'c'],
    ] as const;
    expect(sorted(articulationPoints(['a', 'b', 'c', 'd', 'e'], bowtie))).toEqual(['c']);
    expect(
      sorted(
        articulationPoints(
          ['h', 'x', 'y', 'z'],
          [
            ['h', 'x'],
            ['h', 'y'],
            ['h', 'z'],
          ],
        ),
      ),
    ).toEqual(['h']);
    expect(sorted(articulationPoints(['a', 'b'], [['a', 'b']]))).toEqual([]);
  });

  it('handles several components, isolated nodes, parallel edges and self-loops', () => {
    const edges = [
      ['a', 'b'],
      ['a', 'b'],
      ['b', 'c'],
      ['c', 'c'],
      ['x', 'y'],
      ['y', 'z'],
      ['z', 'w'],
      ['w', 'y'],
    ] as const;
    expect(sorted(articulationPoints(['a', 'b', 'c', 'lonely', 'x', 'y', 'z', 'w'], edges))).toEqual(['b', 'y']);
  });

  it('finds a bridge node between two cycles (c and d both cut)', () => {
    const edges = [
      ['a', 'b'],
      ['b', 'c'],
      ['c', 'a'],
      ['c', 'd'],
      ['d', 'e'],
      ['e', 'f'],
      ['f', 'd'],
    ] as const;
    expect(sorted(articulationPoints(['a', 'b', 'c', 'd', 'e', 'f'], edges))).toEqual(['c', 'd']);
  });

  it('walks a 50 000-node path without overflowing the call stack', () => {
    const nodes = Array.from({ length: 50_000 }, (_, i) => `n${i}`);
    const edges = nodes.slice(1).map((n, i) => [nodes[i] as string, n] as const);
    expect(articulationPoints(nodes, edges).size).toBe(49_998);
  });
});

describe('componentsWithout', () => {
  it('lists the groups left when a node is removed, largest first', () => {
    const edges = [
      ['a', 'b'],
      ['b', 'c'],
      ['c', 'd'],
      ['c', 'e'],
      ['d', 'e'],
    ] as const;
    expect(componentsWithout(['a', 'b', 'c', 'd', 'e'], edges, 'c')).toEqual([
      ['a', 'b'],
      ['d', 'e'],
    ]);
    expect(componentsWithout(['a', 'b', 'c', 'd', 'e'], edges, 'b')).toEqual([['c', 'd', 'e'], ['a']]);
  });
});
