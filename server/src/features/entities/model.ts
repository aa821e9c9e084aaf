import type { NodeLabel, RelType } from '@atlas/seed';
import { toPlain } from '../../db/values.js';

export type Props = Record<string, unknown>;

/** A node as the editing API returns it: bookkeeping beside, not inside, its properties. */
export interface NodeEntity {
  label: NodeLabel;
  id: string;
  version: number;
  recordedAt: string | null;
  properties: Props;
}

export interface RelationshipEntity {
  type: RelType;
  id: string;
  from: string;
  to: string;
  version: number;
  recordedAt: string | null;
  properties: Props;
}

const BOOKKEEPING = new Set(['version', 'recordedAt', 'aliasText']);

/** Splits stored properties into the entity's own and its bookkeeping (version, recordedAt). */
export function fromStored(stored: Props): { version: number; recordedAt: string | null; properties: Props } {
  const plain = toPlain(stored) as Props;
  const properties = Object.fromEntries(Object.entries(plain).filter(([k]) => !BOOKKEEPING.has(k)));
  return {
    version: typeof plain.version === 'number' ? plain.version : 1,
    recordedAt: typeof plain.recordedAt === 'string' ? plain.recordedAt : null,
    properties,
  };
}

export const toNodeEntity = (label: NodeLabel, stored: Props): NodeEntity => {
  const { version, recordedAt, properties } = fromStored(stored);
  return { label, id: String(properties.id), version, recordedAt, properties };
};

export const toRelationshipEntity = (type: RelType, from: string, to: string, stored: Props): RelationshipEntity => {
  const { version, recordedAt, properties } = fromStored(stored);
  return { type, id: String(properties.id), from, to, version, recordedAt, properties };
};

/** Applies a patch: a value sets the field, null removes it. */
export function applyPatch(current: Props, patch: Props): Props {
  const next: Props = { ...current };
  for (const [k, v] of Object.entries(patch)) {
    if (v === null) delete next[k];
    else if (v !== undefined) next[k] = v;
  }
  return next;
}
