import type { Database } from '../../db/database.js';
import { defineQueries } from '../../db/queries.js';
import { int, toPlain } from '../../db/values.js';
import type { Caller } from '../../http/caller.js';
import { citedOnly, visibleSourceIds } from '../entities/model.js';
import type { EntityKind } from './record.js';

const q = defineQueries('audit', ['history', 'list']);

/** One change as the API shows it; a state above the caller's clearance is withheld. */
export interface AuditEntryView {
  id: string;
  at: string;
  by: string;
  action: string;
  kind: EntityKind;
  entityId: string;
  entityLabel: string | null;
  relType: string | null;
  fromId: string | null;
  toId: string | null;
  version: number;
  importId: string | null;
  before: Record<string, unknown> | null;
  after: Record<string, unknown> | null;
  /** Which of before/after were withheld because their level is above the caller's clearance. */
  redacted: ('before' | 'after')[];
}

function toView(caller: Caller, sources: ReadonlySet<string>, raw: Record<string, unknown>): AuditEntryView {
  const e = toPlain(raw) as Record<string, unknown>;
  const redacted: AuditEntryView['redacted'] = [];
  const side = (key: 'before' | 'after') => {
    if (typeof e[key] !== 'string') return null;
    if (!caller.allowed.includes(e[`${key}Sensitivity`] as Caller['allowed'][number])) {
      redacted.push(key);
      return null;
    }
    return citedOnly(JSON.parse(e[key] as string) as Record<string, unknown>, sources);
  };
  return {
    id: e.id as string,
    at: e.at as string,
    by: e.by as string,
    action: e.action as string,
    kind: e.kind as EntityKind,
    entityId: e.entityId as string,
    entityLabel: (e.entityLabel as string) ?? null,
    relType: (e.relType as string) ?? null,
    fromId: (e.fromId as string) ?? null,
    toId: (e.toId as string) ?? null,
    version: e.version as number,
    importId: (e.importId as string) ?? null,
    before: side('before'),
    after: side('after'),
    redacted,
  };
}

export async function entityHistory(
  db: Database,
  caller: Caller,
  entity: { kind: EntityKind; entityId: string; entityLabel: string | null },
  limit: number,
): Promise<AuditEntryView[]> {
  return db.readTransaction(async (tx) => {
    const sources = await visibleSourceIds(tx, caller.allowed);
    const result = await tx.run(q.history, { ...entity, allowed: caller.allowed, limit: int(limit) });
    return result.records.map((r) => toView(caller, sources, r.get('entry')));
  });
}

export interface AuditFilter {
  since?: string | undefined;
  until?: string | undefined;
  actor?: string | undefined;
  limit: number;
}

export async function listChanges(db: Database, caller: Caller, filter: AuditFilter): Promise<AuditEntryView[]> {
  return db.readTransaction(async (tx) => {
    const sources = await visibleSourceIds(tx, caller.allowed);
    const result = await tx.run(q.list, {
      since: filter.since ?? null,
      until: filter.until ?? null,
      actor: filter.actor ?? null,
      allowed: caller.allowed,
      limit: int(filter.limit),
    });
    return result.records.map((r) => toView(caller, sources, r.get('entry')));
  });
}
