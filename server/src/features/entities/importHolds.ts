import type { ManagedTransaction } from 'neo4j-driver';
import { defineQueries } from '../../db/queries.js';
import { AppError } from '../../errors.js';

const q = defineQueries('entities', ['importHolds', 'lockNodes', 'lockRelationships']);

/** Seconds a refused write is told to wait before trying again (an import of 10k rows takes a few). */
const RETRY_AFTER_S = 10;

export type HeldKind = 'node' | 'relationship';

/**
 * An import in flight (POST /api/import, staging or publishing) holds on every existing node it
 * wrote a relationship to (that relationship is stored already, invisible until the import ends,
 * and published whole or not at all) and on every existing node or relationship it will update
 * (applied when it publishes, only to the version it read). A write that would remove or alter
 * one is refused with this, changing nothing: it can be retried once the import ends, while
 * failing the import instead would throw away all of it for one element.
 */
export class ImportInProgress extends AppError {
  constructor(
    what: string,
    readonly importIds: string[],
    field = 'params.id',
  ) {
    const one = importIds.length === 1;
    super(
      409,
      'import-in-progress',
      'An import in progress depends on this',
      `${one ? 'Import' : 'Imports'} ${importIds.map((id) => `'${id}'`).join(', ')} in progress ${one ? 'depends' : 'depend'} on ${what} (${one ? 'it writes' : 'they write'} relationships to it or ${one ? 'updates' : 'update'} it); nothing was changed. Try again when ${one ? 'that import has' : 'those imports have'} finished.`,
      importIds.map((id) => ({ field, message: `held by import '${id}' until it finishes` })),
      RETRY_AFTER_S,
    );
  }
}

/** The imports in flight holding on these elements (importHolds.cypher); call it with their write locks held. */
export async function importsHolding(tx: ManagedTransaction, ids: string[], kind: HeldKind = 'node'): Promise<string[]> {
  if (ids.length === 0) return [];
  return (await tx.run(q.importHolds, { ids, kind })).records.map((r) => r.get('importId') as string);
}

/** Refuses (ImportInProgress) when an import in flight holds on one of these elements, whose locks the caller holds. */
export async function refuseHeld(
  tx: ManagedTransaction,
  ids: string[],
  what: string,
  kind: HeldKind = 'node',
  field?: string,
): Promise<void> {
  const held = await importsHolding(tx, ids, kind);
  if (held.length > 0) throw new ImportInProgress(what, held, field);
}

export interface HeldElements {
  nodeIds: string[];
  relationshipIds: string[];
  /** Element refs of the relationships (their ids are not unique across types, nor indexed without one). */
  relationshipRefs: string[];
}

/** Takes the elements' write locks (lockNodes, lockRelationships), then refuses as refuseHeld does. */
export async function lockUnlessHeld(tx: ManagedTransaction, held: HeldElements, what: string, field?: string): Promise<void> {
  if (held.nodeIds.length > 0) await tx.run(q.lockNodes, { ids: held.nodeIds });
  if (held.relationshipRefs.length > 0) await tx.run(q.lockRelationships, { refs: held.relationshipRefs });
  await refuseHeldElements(tx, held, what, field);
}

/** Refuses (ImportInProgress) when an import in flight holds on one of these nodes or relationships (importHolds). */
export async function refuseHeldElements(
  tx: ManagedTransaction,
  held: Pick<HeldElements, 'nodeIds' | 'relationshipIds'>,
  what: string,
  field?: string,
): Promise<void> {
  const importIds = [
    ...new Set([...(await importsHolding(tx, held.nodeIds)), ...(await importsHolding(tx, held.relationshipIds, 'relationship'))]),
  ].sort();
  if (importIds.length > 0) throw new ImportInProgress(what, importIds, field);
}
