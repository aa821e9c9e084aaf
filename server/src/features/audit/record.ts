import { SENSITIVITY, type Sensitivity } from '@atlas/seed';
import type { Response } from 'express';
import type { ManagedTransaction } from 'neo4j-driver';
import { defineQueries } from '../../db/queries.js';
import { toPlain } from '../../db/values.js';
import { callerOf } from '../../http/caller.js';

const q = defineQueries('audit', ['record', 'restamp']);

export type AuditAction = 'create' | 'update' | 'delete';
export type EntityKind = 'node' | 'relationship';

/** One change, as the editing API and the importers describe it. */
export interface Change {
  action: AuditAction;
  kind: EntityKind;
  entityId: string;
  entityLabel?: string;
  relType?: string;
  fromId?: string;
  toId?: string;
  /** Version after the change (the deleted version for a delete). */
  version: number;
  before: Record<string, unknown> | null;
  after: Record<string, unknown> | null;
  /** Highest level among the entity and, for a relationship, its two ends; null: visible to no one (knownLevel). */
  entitySensitivity: Sensitivity | null;
  importId?: string;
  /** false: leave the entity's earlier entries at their level (see deleteNode); default true. */
  restamp?: boolean;
  /** For an import: elementId of the changed entity, and what a rollback restores. */
  ref?: string;
  beforeVersion?: number | null;
  beforeRecordedAt?: string | null;
}

/** Who made a change: the signed-in user once login exists, 'local' until then. */
export function authorOf(res: Response): string {
  return (callerOf(res) as { userId?: string }).userId ?? 'local';
}

export const highestLevel = (...levels: (string | undefined | null)[]): Sensitivity =>
  SENSITIVITY[Math.max(0, ...levels.map((l) => SENSITIVITY.indexOf((l ?? 'CLEAR') as Sensitivity)))] as Sensitivity;

/**
 * The highest of these levels (absent: CLEAR), or null when one of them is no level at all, such
 * as an import's 'STAGED' (transfer/importer.ts): visible to no one. highestLevel alone ranks an
 * unknown value below CLEAR, which would show what it judges to everyone; the queries feeding
 * these judgements skip staged elements today, and this keeps one that forgot from leaking.
 */
export function knownLevel(...levels: (string | undefined | null)[]): Sensitivity | null {
  return levels.every((l) => l === null || l === undefined || (SENSITIVITY as readonly string[]).includes(l))
    ? highestLevel(...levels)
    : null;
}

const STATE_NOISE = new Set(['version', 'recordedAt', 'aliasText']);

/** A stored state as the JSON kept in the audit trail (driver values made plain, bookkeeping dropped). */
export function stateOf(props: Record<string, unknown> | null): Record<string, unknown> | null {
  if (!props) return null;
  const plain = toPlain(props) as Record<string, unknown>;
  return Object.fromEntries(Object.entries(plain).filter(([k]) => !STATE_NOISE.has(k)));
}

/** Writes the changes' audit entries inside the caller's write transaction. */
export async function recordChanges(tx: ManagedTransaction, by: string, changes: Change[]): Promise<void> {
  if (changes.length === 0) return;
  const entries = changes.map((c) => ({
    by,
    action: c.action,
    kind: c.kind,
    entityId: c.entityId,
    entityLabel: c.entityLabel ?? null,
    relType: c.relType ?? null,
    fromId: c.fromId ?? null,
    toId: c.toId ?? null,
    version: c.version,
    before: c.before ? JSON.stringify(c.before) : null,
    after: c.after ? JSON.stringify(c.after) : null,
    beforeSensitivity: (c.before?.sensitivity as string | undefined) ?? null,
    afterSensitivity: (c.after?.sensitivity as string | undefined) ?? null,
    entitySensitivity: c.entitySensitivity,
    importId: c.importId ?? null,
    ref: c.ref ?? null,
    beforeVersion: c.beforeVersion ?? null,
    beforeRecordedAt: c.beforeRecordedAt ?? null,
  }));
  await tx.run(q.record, { entries });
  const restamp = changes.filter((c) => c.restamp !== false && (c.action !== 'create' || c.importId === undefined));
  if (restamp.length > 0) {
    await tx.run(q.restamp, {
      entities: restamp.map((c) => ({ kind: c.kind, entityId: c.entityId, entitySensitivity: c.entitySensitivity })),
    });
  }
}
