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
 * and published whole or not at all), on every existing node or relationship it will update
 * (applied when it publishes, only to the version it read), and on every existing node whose level
 * its texts were checked against (its texts are published as they are: a higher level there, or a
 * new restricted fact there, could make one state a fact above its own level). A write that would
 * remove or alter one is refused with this, changing nothing: it can be retried once the import
 * ends, while failing the import instead would throw away all of it for one element.
 */
export class ImportInProgress extends AppError {
  constructor(
    what: string,
    readonly importIds: string[],
    field = 'params.id',
    reasons: HoldReason[] = ['tie'],
  ) {
    const one = importIds.length === 1;
    const why = reasons.some((r) => r !== 'texts')
      ? `${one ? 'it writes' : 'they write'} relationships to it or ${one ? 'updates' : 'update'} it`
      : `${one ? 'its' : 'their'} texts were checked against its level and will be published as they are`;
    super(
      409,
      'import-in-progress',
      'An import in progress depends on this',
      `${one ? 'Import' : 'Imports'} ${importIds.map((id) => `'${id}'`).join(', ')} in progress ${one ? 'depends' : 'depend'} on ${what} (${why}); nothing was changed. Try again when ${one ? 'that import has' : 'those imports have'} finished.`,
      importIds.map((id) => ({ field, message: `held by import '${id}' until it finishes` })),
      RETRY_AFTER_S,
    );
  }
}

/**
 * Why an import holds on an element (importHolds.cypher): a relationship it wrote to the node (one
 * above CLEAR: 'restricted-tie'), an update it staged, or its texts checked against the node's level.
 */
export type HoldReason = 'tie' | 'restricted-tie' | 'update' | 'texts';

export interface Hold {
  importId: string;
  reasons: HoldReason[];
}

/** The imports in flight holding on these elements, and why (importHolds.cypher); call it with their write locks held. */
export async function holdsOn(tx: ManagedTransaction, ids: string[], kind: HeldKind = 'node'): Promise<Hold[]> {
  if (ids.length === 0) return [];
  return (await tx.run(q.importHolds, { ids, kind })).records.map((r) => ({
    importId: r.get('importId') as string,
    reasons: r.get('reasons') as HoldReason[],
  }));
}

/** The imports in flight holding on these elements (importHolds.cypher); call it with their write locks held. */
export async function importsHolding(tx: ManagedTransaction, ids: string[], kind: HeldKind = 'node'): Promise<string[]> {
  return (await holdsOn(tx, ids, kind)).map((h) => h.importId);
}

/** Refuses (ImportInProgress) when an import in flight holds on one of these elements, whose locks the caller holds. */
export async function refuseHeld(
  tx: ManagedTransaction,
  ids: string[],
  what: string,
  kind: HeldKind = 'node',
  field?: string,
): Promise<void> {
  const held = await holdsOn(tx, ids, kind);
  if (held.length > 0)
    throw new ImportInProgress(
      what,
      held.map((h) => h.importId),
      field,
      held.flatMap((h) => h.reasons),
    );
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
  const holds = [...(await holdsOn(tx, held.nodeIds)), ...(await holdsOn(tx, held.relationshipIds, 'relationship'))];
  const importIds = [...new Set(holds.map((h) => h.importId))].sort();
  if (importIds.length > 0)
    throw new ImportInProgress(
      what,
      importIds,
      field,
      holds.flatMap((h) => h.reasons),
    );
}

/**
 * A relationship above CLEAR written (created, or its level raised or its evidence changed) with
 * an end an import in flight holds on is refused (ImportInProgress, on `field`), after taking the
 * ends' write locks: the import's texts are published as they are, and the editing API keeps a
 * stored text from stating a fact above its level (textConsistency.ts), so a staged one must not
 * come to state this fact either. Nothing is asked of a CLEAR fact: no text is below CLEAR.
 */
export async function refuseRestrictedFactAtHeld(
  tx: ManagedTransaction,
  fact: { type: string; from: string; to: string; level: string },
  field: string,
): Promise<void> {
  if (fact.level === 'CLEAR') return;
  const ends = [...new Set([fact.from, fact.to])];
  await tx.run(q.lockNodes, { ids: ends });
  // One question for both ends (the usual answer: nobody holds them); which end, only when held.
  if ((await holdsOn(tx, ends)).length === 0) return;
  const held: { id: string; holds: Hold[] }[] = [];
  for (const id of ends) {
    const holds = await holdsOn(tx, [id]);
    if (holds.length > 0) held.push({ id, holds });
  }
  const importIds = [...new Set(held.flatMap((h) => h.holds.map((x) => x.importId)))].sort();
  throw new ImportInProgress(
    `${held.map((h) => `'${h.id}'`).join(' and ')}, ${held.length === 1 ? 'an end' : 'the ends'} of this ${fact.level} ${fact.type}, a fact its texts could state (at CLEAR it would be allowed)`,
    importIds,
    field,
    held.flatMap((h) => h.holds.flatMap((x) => x.reasons)),
  );
}
