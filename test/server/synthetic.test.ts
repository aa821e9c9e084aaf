import { findTextLeaks, NODE_LABELS, REL_ENDPOINTS, REL_TYPES, SENSITIVITY } from '@atlas/seed';
import { beforeAll, describe, expect, it } from 'vitest';
import { generateSyntheticGraph, parseActorCount, type SyntheticBatch, syntheticPlan } from '../../seed/src/synthetic/generate.js';
import { Random } from '../../seed/src/synthetic/random.js';

function collect(actors: number, seed: number, batchSize = 10_000): SyntheticBatch[] {
  return [...generateSyntheticGraph({ actors, seed, batchSize })];
}

const nodesOf = (batches: SyntheticBatch[]) => batches.flatMap((b) => (b.kind === 'nodes' ? b.rows : []));
const relsOf = (batches: SyntheticBatch[]) =>
  batches.flatMap((b) => (b.kind === 'relationships' ? b.rows.map((row) => ({ ...row, fromLabel: b.fromLabel, toLabel: b.toLabel })) : []));

describe('synthetic graph generator', () => {
  let graph: SyntheticBatch[];
  beforeAll(() => {
    graph = collect(1000, 7);
  });

  it('is deterministic for a seed and differs between seeds', () => {
    expect(JSON.stringify(collect(1000, 7))).toBe(JSON.stringify(graph));
    expect(JSON.stringify(collect(1000, 8))).not.toBe(JSON.stringify(graph));
  });

  it('holds every node label and every relationship type at 1k actors', () => {
    expect(new Set(nodesOf(graph).map((n) => n.label))).toEqual(new Set(NODE_LABELS));
    expect(new Set(relsOf(graph).map((r) => r.type))).toEqual(new Set(REL_TYPES));
    const regionKinds = new Set(nodesOf(graph).flatMap((n) => (n.label === 'Region' ? [n.properties.kind] : [])));
    expect(regionKinds).toEqual(new Set(['world', 'continent', 'subregion', 'country']));
  });

  it('gives the planned number of actors and 3 to 5.5 relationships per actor', () => {
    const actors = nodesOf(graph).filter((n) => n.label === 'Actor');
    expect(actors).toHaveLength(1000);
    const perActor = relsOf(graph).length / actors.length;
    expect(perActor).toBeGreaterThanOrEqual(3);
    expect(perActor).toBeLessThanOrEqual(5.5);
  });

  it('connects only the labels REL_ENDPOINTS allows, between nodes that exist', () => {
    const labelOf = new Map(nodesOf(graph).map((n) => [n.id, n.label]));
    for (const r of relsOf(graph)) {
      const allowed = REL_ENDPOINTS[r.type];
      expect(allowed.from).toContain(r.fromLabel);
      expect(allowed.to).toContain(r.toLabel);
      expect(labelOf.get(r.from)).toBe(r.fromLabel);
      expect(labelOf.get(r.to)).toBe(r.toLabel);
      if (r.type === 'PART_OF') expect(r.fromLabel).toBe(r.toLabel);
    }
  });

  it('gives every node and relationship a unique id, a sensitivity and parallel sourceIds/quotes', () => {
    const ids = [...nodesOf(graph).map((n) => n.id), ...relsOf(graph).map((r) => r.properties.id as string)];
    expect(new Set(ids).size).toBe(ids.length);
    for (const item of [...nodesOf(graph), ...relsOf(graph)]) {
      expect(SENSITIVITY).toContain(item.properties.sensitivity);
      const { sourceIds, quotes } = item.properties as { sourceIds: string[]; quotes: string[] };
      expect(quotes).toHaveLength(sourceIds.length);
    }
    const levels = new Set(relsOf(graph).map((r) => r.properties.sensitivity));
    expect(levels).toEqual(new Set(SENSITIVITY));
    expect(relsOf(graph).some((r) => r.properties.validFrom !== undefined)).toBe(true);
    expect(relsOf(graph).some((r) => r.properties.validTo !== undefined)).toBe(true);
  });

  it('has heavy-tailed actor degrees: the largest is far above the median', () => {
    const degree = new Map<string, number>();
    for (const r of relsOf(graph)) {
      if (r.fromLabel === 'Actor') degree.set(r.from, (degree.get(r.from) ?? 0) + 1);
      if (r.toLabel === 'Actor') degree.set(r.to, (degree.get(r.to) ?? 0) + 1);
    }
    const sorted = [...degree.values()].sort((a, b) => a - b);
    const median = sorted[Math.floor(sorted.length / 2)] as number;
    expect(sorted.at(-1) as number).toBeGreaterThan(10 * median);
  });

  it('ties most actor-actor relationships inside one subregion', () => {
    const countryOf = new Map(
      nodesOf(graph).flatMap((n) => (n.label === 'Actor' && n.properties.countryIso2 ? [[n.id, n.properties.countryIso2 as string]] : [])),
    );
    const plan = syntheticPlan(1000);
    const subregion = (iso2: string) => ((iso2.charCodeAt(0) - 65) * 26 + iso2.charCodeAt(1) - 65) % 20;
    const ties = relsOf(graph).filter(
      (r) => r.fromLabel === 'Actor' && r.toLabel === 'Actor' && countryOf.has(r.from) && countryOf.has(r.to),
    );
    const local = ties.filter((r) => subregion(countryOf.get(r.from) as string) === subregion(countryOf.get(r.to) as string));
    expect(plan.countries).toBeGreaterThanOrEqual(20);
    expect(local.length / ties.length).toBeGreaterThan(0.5);
  });

  it('states no fact above the level of the text stating it: names are unique, a member state shares its country’s', () => {
    expect(findTextLeaks({ nodes: nodesOf(graph), relationships: relsOf(graph) })).toEqual([]);
    const byName = new Map<string, string[]>();
    for (const n of nodesOf(graph)) byName.set(n.properties.name as string, [...(byName.get(n.properties.name as string) ?? []), n.id]);
    const shared = [...byName.values()].filter((ids) => ids.length > 1);
    expect(shared.length).toBe(syntheticPlan(1000).countries);
    for (const ids of shared)
      expect(ids.map((id) => id.replace(/^syn-(country|state)-/, ''))).toEqual([ids[0]?.slice(-2), ids[0]?.slice(-2)]);
    const levelOf = new Map(nodesOf(graph).map((n) => [n.id, n.properties.sensitivity]));
    for (const [country, state] of shared) expect(levelOf.get(country as string)).toBe(levelOf.get(state as string));
  });

  it('streams batches of at most batchSize rows, nodes before relationships', () => {
    const batches = collect(1000, 7, 250);
    expect(Math.max(...batches.map((b) => b.rows.length))).toBeLessThanOrEqual(250);
    const firstRel = batches.findIndex((b) => b.kind === 'relationships');
    expect(batches.slice(firstRel).every((b) => b.kind === 'relationships')).toBe(true);
  });

  it('reads sizes such as 1k and 1m, and rejects nonsense', () => {
    expect(parseActorCount('1k')).toBe(1000);
    expect(parseActorCount('100K')).toBe(100_000);
    expect(parseActorCount('1m')).toBe(1_000_000);
    expect(parseActorCount('2500')).toBe(2500);
    expect(() => parseActorCount('lots')).toThrow(/not a number of actors/);
    expect(() => syntheticPlan(10)).toThrow(/at least 100/);
  });
});

describe('seeded random numbers', () => {
  it('repeat for a seed and stay in range', () => {
    const a = new Random(42);
    const b = new Random(42);
    const xs = Array.from({ length: 1000 }, () => a.next());
    expect(Array.from({ length: 1000 }, () => b.next())).toEqual(xs);
    expect(xs.every((x) => x >= 0 && x < 1)).toBe(true);
    const r = new Random(1);
    const ranks = Array.from({ length: 5000 }, () => r.zipf(100));
    expect(ranks.every((k) => Number.isInteger(k) && k >= 0 && k < 100)).toBe(true);
    // Skewed: rank 0 is drawn far more often than rank 50.
    expect(ranks.filter((k) => k === 0).length).toBeGreaterThan(5 * Math.max(1, ranks.filter((k) => k === 50).length));
  });
});
