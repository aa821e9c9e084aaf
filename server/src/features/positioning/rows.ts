import type { AffectsRow, InitiativeRow, OrganizationRow } from '../gaps/model.js';
import type { GraphNode } from '../graph/model.js';
import type { ActorHierarchyRow, HierarchyRow, InstrumentRow, LinkRow, MandateRow, MembershipRow, PresenceRow } from './model.js';

/**
 * The canonical order of the fact rows. Neo4j returns rows in storage order, which shifts when
 * unrelated (possibly hidden) nodes exist; facts, evidence and ties are built in row order, so
 * without a canonical order two callers with the same clearance could get differently ordered
 * answers depending on data neither of them may see.
 *
 * The order is that of the rows' JSON text (what this replaced: every record converted and
 * serialised whole, which made our read 3.5 times the driver's at 10k actors), got cheaply: a
 * row's key is the JSON of its first columns, those that identify it (ids and the small maps of
 * names beside them, never the relationships' quote lists). Two JSON texts that share those
 * columns' text compare as the whole rows do, and a first difference inside them decides both
 * comparisons alike (the columns are the same prefix of each row, and a JSON value never begins
 * another); rows equal on their key (two relationships between the same nodes) fall back to
 * their whole JSON text.
 */
export type RowKey<T> = (row: T) => string;

const key = (...columns: unknown[]) => JSON.stringify(columns);

export const ROW_KEYS = {
  hierarchy: (r: HierarchyRow) => key(r.id),
  mandates: (r: MandateRow) => key(r.actorId, r.relation, r.mandate, r.threatId, r.regionId, r.reach),
  presence: (r: PresenceRow) => key(r.actorId, r.actorKind, r.relation, r.reason, r.regionId),
  instruments: (r: InstrumentRow) => key(r.actorId, r.relation, r.role, r.instrument, r.threatId),
  actorHierarchy: (r: ActorHierarchyRow) => key(r.fromId, r.toId, r.type, r.partKind),
  memberships: (r: MembershipRow) => key(r.orgId),
  links: (r: LinkRow) => key(r.fromId, r.toId, r.type, r.partKind, r.frequency, r.via),
  actors: (r: { node: GraphNode }) => key(r.node),
  affects: (r: AffectsRow) => key(r.threatId, r.regionId),
  organizations: (r: OrganizationRow) => key(r.actorId),
  initiatives: (r: InitiativeRow) => key(r.initiative),
} as const;

/**
 * The records' rows as the driver gives them (integers are numbers, maps plain objects; the fact
 * queries return no temporal values: dates come as strings), in the canonical order.
 */
export function canonicalRows<T>(records: Array<{ toObject(): object }>, key: RowKey<T>): T[] {
  const keyed = records.map((r) => {
    const row = r.toObject() as T;
    return { row, key: key(row) };
  });
  keyed.sort((a, b) => {
    if (a.key !== b.key) return a.key < b.key ? -1 : 1;
    const ja = JSON.stringify(a.row);
    const jb = JSON.stringify(b.row);
    return ja < jb ? -1 : ja > jb ? 1 : 0;
  });
  return keyed.map((k) => k.row);
}
