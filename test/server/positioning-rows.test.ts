import { describe, expect, it } from 'vitest';
import { canonicalRows, ROW_KEYS } from '../../server/src/features/positioning/rows.js';

// The lean read must give the order the rows' whole JSON text gave (what it replaced): answers are
// built in row order, and must not change with it.
const records = <T extends object>(rows: T[]) => rows.map((row) => ({ toObject: () => row }));
const byJson = <T>(rows: T[]) =>
  [...rows].sort((a, b) => (JSON.stringify(a) < JSON.stringify(b) ? -1 : JSON.stringify(a) > JSON.stringify(b) ? 1 : 0));

const rel = (id: string, quote: string) => ({ quotes: [quote], id, sourceIds: ['s'] });

describe('canonicalRows', () => {
  it('orders instruments as their JSON text does: prefixes, missing roles, maps in the order Neo4j gives their keys, ties', () => {
    const instrument = (id: string, name: string) => ({ name, id, label: 'Agreement' });
    const row = (actorId: string, role: string | null, i: ReturnType<typeof instrument>, threatId: string, quote = 'q') => ({
      actorId,
      relation: 'PARTY_TO',
      role,
      instrument: i,
      threatId,
      rels: [rel(`${actorId}|${i.id}`, quote)],
      spans: [],
    });
    const rows = [
      row('actor-10', null, instrument('ag-b', 'B'), 't1'),
      row('actor-1', 'funder', instrument('ag-a', 'PBSO and the African Union'), 't1'),
      row('actor-1', null, instrument('ag-b', 'PBSO and ECOWAS'), 't1'),
      row('actor-1', 'funder', instrument('ag-c', 'PBSO and ECOWAS'), 't1'),
      row('actor-1', 'funder', instrument('ag-a', 'PBSO and the African Union'), 't1', 'another quote'),
      row('actor-1', 'funder', instrument('ag-a', 'PBSO and the African Union'), 't0'),
      row('actor-2', 'data-provider', instrument('ag-a', 'A'), 't1'),
    ];
    const sorted = canonicalRows(records(rows.reverse()), ROW_KEYS.instruments);
    expect(sorted).toEqual(byJson(rows));
    // The instrument's name (its map's first key here) decides before its id, as in the JSON text.
    expect(sorted.slice(0, 3).map((r) => r.instrument.id)).toEqual(['ag-c', 'ag-a', 'ag-a']);
  });

  it('orders links with and without a via, frequencies and part kinds missing or not', () => {
    const link = (fromId: string, toId: string, frequency: string | null, via: { id: string; name: string } | null) => ({
      fromId,
      toId,
      type: via ? 'SHARED_AGREEMENT' : 'DIALOGUE_WITH',
      partKind: null,
      frequency,
      via,
      rels: [rel(`${fromId}-${toId}`, 'q')],
    });
    const rows = [
      link('a', 'b', null, null),
      link('a', 'b', 'annual', null),
      link('a', 'bc', null, null),
      link('a', 'b', null, { id: 'ag-1', name: 'One' }),
      link('a', 'b', null, { id: 'ag-0', name: 'Zero' }),
      link('a b', 'c', null, null),
    ];
    expect(canonicalRows(records([...rows].reverse()), ROW_KEYS.links)).toEqual(byJson(rows));
  });
});
