import type { NodeLabel, RelType } from '@atlas/seed';
import type { ManagedTransaction } from 'neo4j-driver';
import { defineQueries } from '../../db/queries.js';
import { toPlain } from '../../db/values.js';

const q = defineQueries('entities', ['visibleSources']);

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

/** The ids of the sources a caller may see (see citedOnly). */
export async function visibleSourceIds(tx: ManagedTransaction, allowed: readonly string[]): Promise<Set<string>> {
  const result = await tx.run(q.visibleSources, { allowed });
  return new Set((result.records[0]?.get('ids') as string[] | undefined) ?? []);
}

/**
 * The properties with only the citations of visible sources: sourceIds and quotes are parallel
 * lists, so a hidden source's id goes together with its quote (which may quote a RED document).
 */
export function citedOnly(props: Props, visible: ReadonlySet<string>): Props {
  const ids = props.sourceIds;
  if (!Array.isArray(ids) || ids.every((id) => visible.has(id as string))) return props;
  const quotes = Array.isArray(props.quotes) ? props.quotes : [];
  const keep = ids.map((id) => visible.has(id as string));
  return { ...props, sourceIds: ids.filter((_, i) => keep[i]), quotes: quotes.filter((_, i) => keep[i]) };
}
