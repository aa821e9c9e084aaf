// Levels the audit trail and the documents feature judge in TypeScript (as relationshipLevel does
// for the entities API, relationship-level.test.ts): something at no level at all, such as an
// import's 'STAGED', makes what is judged visible to no one, where highestLevel alone ranks the
// unknown value below CLEAR and so shows it to everyone. Their queries skip staged elements today;
// this is the guard for one that forgets.
import type { NodeLabel } from '@atlas/seed';
import { describe, expect, it } from 'vitest';
import { highestLevel, knownLevel } from '../../server/src/features/audit/record.js';
import type { StoredDocument } from '../../server/src/features/documents/repository.js';
import { toProposals } from '../../server/src/features/documents/service.js';
import { updateChange } from '../../server/src/features/transfer/importer.js';

describe('knownLevel', () => {
  it('is the highest level (absent: CLEAR), or none when one is no level', () => {
    expect(knownLevel('GREEN', 'AMBER', undefined)).toBe('AMBER');
    expect(knownLevel(null, undefined)).toBe('CLEAR');
    expect(highestLevel('CLEAR', 'STAGED')).toBe('CLEAR');
    expect(knownLevel('CLEAR', 'STAGED')).toBeNull();
    expect(knownLevel('RED', 'anything')).toBeNull();
  });
});

const finding = (key: string) => ({
  key,
  label: 'Actor' as NodeLabel,
  status: 'resolved' as const,
  name: key,
  aliases: [],
  candidates: [{ id: key, label: 'Actor' as NodeLabel, name: key }],
  how: 'name',
  mentions: 1,
  quote: `${key} works here.`,
  at: 0,
  confidence: 1,
});

describe('proposals from a document', () => {
  it('naming a graph entity at no level are at no level (shown to no one), not CLEAR', () => {
    const names = ['actor-staged', 'actor-clear'].map((key) => ({
      key,
      label: 'Actor' as NodeLabel,
      name: key,
      aliases: [],
      sensitivity: key === 'actor-staged' ? 'STAGED' : 'CLEAR',
      known: true,
    }));
    const extraction = {
      entities: [finding('actor-staged'), finding('actor-clear')],
      relationships: [
        {
          type: 'DIALOGUE_WITH' as const,
          from: 'actor-staged',
          to: 'actor-clear',
          properties: {},
          quote: 'They talk.',
          at: 0,
          confidence: 0.5,
          rule: 'dialogue',
        },
      ],
      dates: [],
    };
    const document = { id: 'doc-1', sourceId: 'src-1', sensitivity: 'CLEAR', hash: 'h' } as StoredDocument;
    const levels = toProposals(extraction, document, names).map((p) => [p.key, p.sensitivity]);
    expect(levels).toEqual([
      ['mention|Actor|actor-staged', null],
      ['mention|Actor|actor-clear', 'CLEAR'],
      ['relationship|DIALOGUE_WITH|actor-staged|actor-clear', null],
    ]);
  });
});

describe("an applied import update's audit entry", () => {
  const batch = {
    seq: 0,
    kind: 'relationship',
    label: null,
    relType: 'DIALOGUE_WITH',
    createdIds: [],
    createdRefs: [],
    updates: [],
    written: false,
  };
  const update = { id: 'rel-1', ref: 'r', before: {}, after: {}, beforeVersion: 1, level: 'CLEAR', from: 'a', to: 'b' };
  it('is at the highest level of the relationship and its ends as published', () => {
    expect(updateChange(batch as never, 'import-1', update, ['CLEAR', 'GREEN']).entitySensitivity).toBe('GREEN');
  });
  it('is at no level (shown to no one) when an end is at none, not CLEAR', () => {
    expect(updateChange(batch as never, 'import-1', update, ['STAGED', 'CLEAR']).entitySensitivity).toBeNull();
  });
});
