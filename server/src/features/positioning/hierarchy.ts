/** Bound of every walk up or down a hierarchy (PART_OF, SUBTYPE_OF): deep enough for world > continent > sub-region > country, and a guard against cycles in bad data. */
export const MAX_DEPTH = 6;

export interface Tree {
  parents: Map<string, string[]>;
  children: Map<string, string[]>;
}

export function buildTree(rows: Array<{ id: string; parents: string[] }>): Tree {
  const parents = new Map<string, string[]>();
  const children = new Map<string, string[]>();
  const known = new Set(rows.map((r) => r.id));
  for (const row of rows) {
    const visibleParents = row.parents.filter((p) => known.has(p));
    parents.set(row.id, visibleParents);
    for (const p of visibleParents) {
      const list = children.get(p);
      if (list) list.push(row.id);
      else children.set(p, [row.id]);
    }
  }
  return { parents, children };
}

/** Breadth-first walk returning each reached id with its distance (the start at 0). */
function walk(start: string, next: Map<string, string[]>, maxDepth: number): Map<string, number> {
  const depth = new Map([[start, 0]]);
  let frontier = [start];
  for (let d = 1; d <= maxDepth && frontier.length > 0; d++) {
    const following: string[] = [];
    for (const id of frontier) {
      for (const n of next.get(id) ?? []) {
        if (!depth.has(n)) {
          depth.set(n, d);
          following.push(n);
        }
      }
    }
    frontier = following;
  }
  return depth;
}

/** The node and everything below it (sub-regions, subtypes), with distances. */
export const below = (tree: Tree, id: string, maxDepth = MAX_DEPTH) => walk(id, tree.children, maxDepth);
/** Everything above the node (containing regions, supertypes), with distances; the node itself at 0. */
export const above = (tree: Tree, id: string, maxDepth = MAX_DEPTH) => walk(id, tree.parents, maxDepth);

/** Where a fact's node stands relative to the node a question is about. */
export type Relation = { kind: 'same' } | { kind: 'below'; depth: number } | { kind: 'above'; depth: number } | { kind: 'none' };

export interface Family {
  id: string;
  below: Map<string, number>;
  above: Map<string, number>;
}

export const familyOf = (tree: Tree, id: string): Family => ({ id, below: below(tree, id), above: above(tree, id) });

export function relationTo(family: Family, other: string): Relation {
  if (other === family.id) return { kind: 'same' };
  const down = family.below.get(other);
  if (down !== undefined) return { kind: 'below', depth: down };
  const up = family.above.get(other);
  if (up !== undefined) return { kind: 'above', depth: up };
  return { kind: 'none' };
}

/** Every id in the family (the node, below and above): what the fact queries are narrowed to. */
export const familyIds = (family: Family): string[] => [...new Set([...family.below.keys(), ...family.above.keys()])];
