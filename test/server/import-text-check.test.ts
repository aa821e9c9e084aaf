// The import's text check keeps what is restricted, not the file: no names of CLEAR nodes in the
// first pass, then the names of exactly the CLEAR ends of relationships above CLEAR. It must find
// the same leaks, in the same order with the same messages, as the rule applied to the whole
// graph at once (findTextLeaks), on graphs with CLEAR relationships too: one touching a node above
// CLEAR is a restricted fact, which the import counts once it knows its ends' levels.
import { describe, expect, it } from 'vitest';
import { type CheckedNode, type CheckedRelationship, findTextLeaks, REL_TYPES, SENSITIVITY } from '../../seed/src/index.js';
import { ImportTextCheck } from '../../server/src/features/transfer/textConsistency.js';

/** A small deterministic generator (so a failure can be replayed). */
function random(seed: number) {
  let s = seed;
  const next = () => {
    s = (s * 1103515245 + 12345) % 2147483648;
    return s / 2147483648;
  };
  return { next, pick: <T>(list: readonly T[]) => list[Math.floor(next() * list.length)] as T };
}

const WORDS = [
  'Lake',
  'basin',
  'network',
  'Council',
  'forum',
  'mandate',
  'on',
  'peace',
  'data',
  'funds',
  'member',
  "Monitors'",
  'support',
  'signed',
];
const ACRONYMS = ['LBC', 'DSN', 'UN', 'Un'];

/** A graph whose names recur in each other's texts, every relationship above CLEAR. */
function graph(seed: number): { nodes: CheckedNode[]; relationships: CheckedRelationship[] } {
  const r = random(seed);
  const count = 4 + Math.floor(r.next() * 10);
  const names = Array.from({ length: count }, () => Array.from({ length: 1 + Math.floor(r.next() * 3) }, () => r.pick(WORDS)).join(' '));
  const quotes = Array.from({ length: 4 }, () => Array.from({ length: 5 + Math.floor(r.next() * 4) }, () => r.pick(WORDS)).join(' '));
  const text = () =>
    Array.from({ length: 3 + Math.floor(r.next() * 8) }, () => {
      const x = r.next();
      return x < 0.35 ? r.pick(names) : x < 0.45 ? r.pick(ACRONYMS) : x < 0.55 ? r.pick(quotes) : r.pick(WORDS);
    }).join(' ');
  const nodes: CheckedNode[] = names.map((name, i) => ({
    label: 'Actor',
    id: `n${i}`,
    properties: {
      id: `n${i}`,
      name,
      ...(r.next() < 0.5 ? { acronym: r.pick(ACRONYMS) } : {}),
      aliases: r.next() < 0.5 ? [r.pick(names), text()] : [],
      description: text(),
      sensitivity: r.next() < 0.7 ? 'CLEAR' : r.pick(SENSITIVITY),
      quotes: r.next() < 0.3 ? [r.pick(quotes)] : [],
    },
  }));
  const relationships: CheckedRelationship[] = Array.from({ length: Math.floor(r.next() * 2 * count) }, () => ({
    type: r.pick(REL_TYPES),
    from: `n${Math.floor(r.next() * count)}`,
    to: `n${Math.floor(r.next() * count)}`,
    // A CLEAR one states a restricted fact when an end is above CLEAR: its quotes then give it away.
    properties: {
      sensitivity: r.next() < 0.4 ? 'CLEAR' : r.pick(SENSITIVITY.slice(1)),
      quotes: r.next() < 0.5 ? [r.pick(quotes)] : [],
      remark: text(),
    },
  }));
  return { nodes, relationships };
}

/**
 * The import's check over the graph as a file (nodes, then relationships; or relationships first),
 * with the same field names as findTextLeaks.
 */
function importLeaks(g: { nodes: CheckedNode[]; relationships: CheckedRelationship[] }, relationshipsFirst = false) {
  const check = new ImportTextCheck();
  const seen = new Set<string>();
  const nodes = () => {
    for (const n of g.nodes) {
      check.noteNode(n.id, n.label, n.properties);
      seen.add(n.id);
    }
  };
  if (!relationshipsFirst) nodes();
  for (const rel of g.relationships) check.noteRelationship(rel.type, rel.from, rel.to, rel.properties, (id) => seen.has(id));
  if (relationshipsFirst) nodes();
  const needed = check.namesNeeded(new Map());
  const asked = [...needed].sort();
  for (const n of g.nodes) if (needed.delete(n.id)) check.noteNames(n.id, n.properties);
  const found: string[] = [];
  if (check.prepare(new Map())) {
    for (const n of g.nodes) {
      for (const p of check.nodeProblems(n.id, n.properties, { file: 'f', line: 1, element: n.id }, ''))
        found.push(`${p.field} ${p.message}`);
    }
    g.relationships.forEach((rel, index) => {
      for (const p of check.relationshipProblems(rel, { file: 'f', line: 1, element: `rel#${index}` }, ''))
        found.push(`${p.field} ${p.message}`);
    });
  }
  return { found, asked, left: needed.size };
}

describe("the import's text check", () => {
  it('asks for the names of exactly the CLEAR nodes at an end of a relationship above CLEAR, or of one touching a node above CLEAR', () => {
    for (let seed = 1; seed <= 50; seed++) {
      const g = graph(seed);
      const clear = new Set(g.nodes.filter((n) => n.properties.sensitivity === 'CLEAR').map((n) => n.id));
      const facts = g.relationships.filter((r) => r.properties.sensitivity !== 'CLEAR' || !clear.has(r.from) || !clear.has(r.to));
      const ends = new Set(facts.flatMap((r) => [r.from, r.to]).filter((id) => clear.has(id)));
      const { asked, left } = importLeaks(g);
      expect(asked, `seed ${seed}`).toEqual([...ends].sort());
      expect(left).toBe(0);
    }
  });

  it('finds the same leaks, in the same order and words, as the rule on the whole graph', () => {
    let leaks = 0;
    for (let seed = 1; seed <= 400; seed++) {
      const g = graph(seed);
      const expected = findTextLeaks(g).map(
        (l) =>
          `f:1:${l.element.kind === 'node' ? l.element.id : `rel#${l.element.index}`}.${l.field} ${l.message}: rewrite the text, or give it the level of the fact`,
      );
      expect(importLeaks(g).found, `seed ${seed}`).toEqual(expected);
      leaks += expected.length;
    }
    // The graphs do leak, through every rule (names, pairs of ends, quotes).
    expect(leaks).toBeGreaterThan(1000);
  });

  it('finds the same leaks in a file with its relationships first (ends not yet read: a CLEAR relationship is kept until their levels are known)', () => {
    for (let seed = 1; seed <= 200; seed++) {
      const g = graph(seed);
      const expected = findTextLeaks(g).map(
        (l) =>
          `f:1:${l.element.kind === 'node' ? l.element.id : `rel#${l.element.index}`}.${l.field} ${l.message}: rewrite the text, or give it the level of the fact`,
      );
      expect(importLeaks(g, true).found, `seed ${seed}`).toEqual(expected);
    }
  });

  it("counts a quote of a CLEAR relationship to a node above CLEAR, as the whole graph's rule does", () => {
    const quote = 'the two networks agreed to exchange field reports weekly';
    const g = {
      nodes: [
        { label: 'Actor', id: 'x', properties: { name: 'Xylo Hidden Circle', sensitivity: 'RED', description: 'd' } },
        { label: 'Actor', id: 'y', properties: { name: 'Yarrow Network', sensitivity: 'CLEAR', description: 'd' } },
        { label: 'Actor', id: 'z', properties: { name: 'Zinnia Watch', sensitivity: 'CLEAR', description: `They say ${quote}.` } },
      ],
      relationships: [{ type: 'DIALOGUE_WITH', from: 'y', to: 'x', properties: { sensitivity: 'CLEAR', quotes: [quote] } }],
    } as { nodes: CheckedNode[]; relationships: CheckedRelationship[] };
    const whole = findTextLeaks(g);
    expect(whole).toEqual([expect.objectContaining({ element: { kind: 'node', id: 'z' }, field: 'description' })]);
    expect(whole[0]?.message).toMatch(/^quotes the evidence of a RED fact/);
    for (const relationshipsFirst of [false, true]) {
      expect(importLeaks(g, relationshipsFirst).found).toEqual([
        `f:1:z.description ${whole[0]?.message}: rewrite the text, or give it the level of the fact`,
      ]);
    }
  });
});
