import type { ManagedTransaction } from 'neo4j-driver';
import { defineQueries } from '../../db/queries.js';
import { AppError } from '../../errors.js';

const q = defineQueries('entities', ['importHolds', 'lockNodes']);

/** Seconds a refused write is told to wait before trying again (an import of 10k rows takes a few). */
const RETRY_AFTER_S = 10;

/**
 * An import in flight (POST /api/import, staging or publishing) holds on every existing node it
 * wrote a relationship to: that relationship is already stored (invisible while the import is
 * unfinished) and the import publishes it whole or not at all. A write that would remove or alter
 * such a node is refused with this, changing nothing: it can be retried once the import ends,
 * while failing the import instead would throw away all of it for one node.
 */
export class ImportInProgress extends AppError {
  constructor(
    what: string,
    readonly importIds: string[],
    field = 'params.id',
  ) {
    const which = importIds.map((id) => `'${id}'`).join(', ');
    super(
      409,
      'import-in-progress',
      'An import in progress depends on this',
      `${importIds.length === 1 ? 'Import' : 'Imports'} ${which} in progress ${importIds.length === 1 ? 'writes' : 'write'} relationships to ${what}; nothing was changed. Try again when ${importIds.length === 1 ? 'that import has' : 'those imports have'} finished.`,
      importIds.map((id) => ({ field, message: `held by import '${id}' until it finishes` })),
      RETRY_AFTER_S,
    );
  }
}

/** The imports in flight holding on these nodes (importHolds.cypher); call it with their write locks held. */
export async function importsHolding(tx: ManagedTransaction, ids: string[]): Promise<string[]> {
  if (ids.length === 0) return [];
  return (await tx.run(q.importHolds, { ids })).records.map((r) => r.get('importId') as string);
}

/** Refuses (ImportInProgress) when an import in flight holds on one of these nodes, whose locks the caller holds. */
export async function refuseHeld(tx: ManagedTransaction, ids: string[], what: string, field?: string): Promise<void> {
  const held = await importsHolding(tx, ids);
  if (held.length > 0) throw new ImportInProgress(what, held, field);
}

/** Takes the nodes' write locks (lockNodes.cypher), then refuses as refuseHeld does. */
export async function lockUnlessHeld(tx: ManagedTransaction, ids: string[], what: string, field?: string): Promise<void> {
  if (ids.length === 0) return;
  await tx.run(q.lockNodes, { ids });
  await refuseHeld(tx, ids, what, field);
}
