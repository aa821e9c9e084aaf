import type { NodeLabel } from '@atlas/seed';
import type { ManagedTransaction } from 'neo4j-driver';
import type { Database } from '../../db/database.js';
import { defineQueries } from '../../db/queries.js';
import { int, toPlain } from '../../db/values.js';
import type { Caller } from '../../http/caller.js';
import type { NamedEntry } from './extract/gazetteer.js';

const q = defineQueries('documents', [
  'documentCreate',
  'documentByHash',
  'documentGet',
  'documentList',
  'gazetteer',
  'proposalsCreate',
  'proposalsOfDocument',
  'proposalKeys',
  'proposalLock',
  'proposalForEnd',
  'proposalDecide',
]);

/** Labels the extractor recognises in a text (Sources are what documents become, not what they name). */
const NAMED_LABELS: NodeLabel[] = ['Actor', 'Region', 'Threat', 'Initiative', 'Agreement', 'Mandate'];

export interface StoredDocument {
  id: string;
  sourceId: string;
  title: string;
  date: string;
  kind: string;
  sensitivity: string;
  hash: string;
  text?: string;
  format: string;
  fileName?: string;
  uploadedBy: string;
  uploadedAt: string;
  chars: number;
}

export interface StoredProposal {
  id: string;
  documentId: string;
  hash: string;
  ordinal: number;
  kind: 'mention' | 'entity' | 'relationship';
  key: string;
  status: 'pending' | 'accepted' | 'merged' | 'rejected';
  /** Null: it names an entity at no level (knownLevel), so no one sees it. */
  sensitivity: string | null;
  quote: string;
  confidence: number;
  /** JSON: what is proposed (label, name, candidates / type, from, to, properties). */
  data: string;
  resultId?: string | null;
  decision?: string | null;
  decidedBy?: string | null;
  decidedAt?: string | null;
  createdAt?: string;
}

/** The graph's names the caller may see: the gazetteer of "entities already in the graph". */
export async function graphNames(db: Database, caller: Caller): Promise<NamedEntry[]> {
  const result = await db.read(q.gazetteer, { labels: NAMED_LABELS, allowed: caller.allowed });
  return result.records.map((r) => ({
    key: r.get('id') as string,
    label: r.get('label') as NodeLabel,
    name: r.get('name') as string,
    acronym: (r.get('acronym') as string | null) ?? undefined,
    aliases: (r.get('aliases') as string[]) ?? [],
    iso2: (r.get('iso2') as string | null) ?? undefined,
    kind: (r.get('kind') as string | null) ?? undefined,
    sensitivity: r.get('sensitivity') as string,
    known: true,
  }));
}

export async function documentByHash(tx: ManagedTransaction, caller: Caller, hash: string): Promise<StoredDocument | undefined> {
  return (await tx.run(q.documentByHash, { hash, allowed: caller.allowed })).records[0]?.get('document') as StoredDocument | undefined;
}

export async function createDocument(tx: ManagedTransaction, props: Omit<StoredDocument, 'uploadedAt'>): Promise<StoredDocument> {
  return (await tx.run(q.documentCreate, { props })).records[0]?.get('document') as StoredDocument;
}

export async function getDocument(db: Database, caller: Caller, id: string): Promise<StoredDocument | undefined> {
  return (await db.read(q.documentGet, { id, allowed: caller.allowed })).records[0]?.get('document') as StoredDocument | undefined;
}

export async function getDocumentIn(tx: ManagedTransaction, caller: Caller, id: string): Promise<StoredDocument | undefined> {
  return (await tx.run(q.documentGet, { id, allowed: caller.allowed })).records[0]?.get('document') as StoredDocument | undefined;
}

export async function listDocuments(db: Database, caller: Caller, limit: number) {
  const result = await db.read(q.documentList, { allowed: caller.allowed, limit: int(limit) });
  return result.records.map((r) => ({
    ...(toPlain(r.get('document')) as Omit<StoredDocument, 'text' | 'hash'>),
    proposals: Object.fromEntries(r.get('counts') as [string, number][]),
  }));
}

/** Keys already proposed for a document, and the graph id each decided one became. */
export async function proposalKeys(tx: ManagedTransaction, documentId: string): Promise<{ key: string; resultId: string | null }[]> {
  const result = await tx.run(q.proposalKeys, { documentId });
  return result.records.map((r) => ({ key: r.get('key') as string, resultId: r.get('resultId') as string | null }));
}

export async function createProposals(tx: ManagedTransaction, proposals: Omit<StoredProposal, 'status'>[]): Promise<void> {
  if (proposals.length > 0) await tx.run(q.proposalsCreate, { proposals });
}

export async function proposalsOf(db: Database, caller: Caller, documentId: string, status?: string): Promise<StoredProposal[]> {
  const result = await db.read(q.proposalsOfDocument, { documentId, allowed: caller.allowed, status: status ?? null });
  return result.records.map((r) => toPlain(r.get('proposal')) as StoredProposal);
}

export async function lockProposal(tx: ManagedTransaction, id: string): Promise<StoredProposal | undefined> {
  return toPlain((await tx.run(q.proposalLock, { id })).records[0]?.get('proposal')) as StoredProposal | undefined;
}

/** The entity proposal a relationship end (a finding key) refers to, and its decision. */
export async function proposalForEnd(tx: ManagedTransaction, documentId: string, key: string) {
  const row = (await tx.run(q.proposalForEnd, { documentId, suffix: `|${key}` })).records[0];
  return row
    ? { id: row.get('id') as string, status: row.get('status') as string, resultId: row.get('resultId') as string | null }
    : undefined;
}

export async function recordDecision(
  tx: ManagedTransaction,
  id: string,
  decision: { status: StoredProposal['status']; by: string; resultId: string | null; decision: string },
): Promise<StoredProposal> {
  return toPlain((await tx.run(q.proposalDecide, { id, ...decision })).records[0]?.get('proposal')) as StoredProposal;
}
