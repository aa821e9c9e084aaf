import { createHash, randomUUID } from 'node:crypto';
import type { NodeLabel, RelType } from '@atlas/seed';
import type { ManagedTransaction } from 'neo4j-driver';
import type { Database } from '../../db/database.js';
import { AppError } from '../../errors.js';
import { knownLevel } from '../audit/record.js';
import type { Props } from '../entities/model.js';
import { invalid } from '../entities/problems.js';
import { createNodeIn, createRelationshipIn, type Editor, findNodes, getNode, updateNodeIn } from '../entities/repository.js';
import type { NamedEntry } from './extract/gazetteer.js';
import type { EntityFinding, Extraction, RelationshipFinding } from './extract/model.js';
import { slug } from './extract/text.js';
import {
  createDocument,
  createProposals,
  documentByHash,
  getDocumentIn,
  graphNames,
  lockProposal,
  proposalForEnd,
  proposalKeys,
  recordDecision,
  type StoredDocument,
  type StoredProposal,
} from './repository.js';
import type { Decision, DocumentMeta } from './schema.js';
import { proposeInWorker } from './textExtraction.js';

export const textHash = (text: string) => createHash('sha256').update(text.replace(/\s+/g, ' ').trim()).digest('hex');

export interface Brought {
  document: StoredDocument;
  /** True when the same text was brought before (visible to the caller): only new proposals were added. */
  duplicate: boolean;
  added: number;
}

/**
 * A document becomes a Source (through the entities feature, audited) beside a Document holding
 * its text, and its proposals wait for review; all in one transaction. The same text again adds
 * to the earlier document only what was never proposed for it.
 */
export async function bringDocument(
  db: Database,
  editor: Editor,
  meta: DocumentMeta,
  text: string,
  file: { format: string; fileName?: string | undefined },
): Promise<Brought> {
  const names = await graphNames(db, editor.caller);
  const extraction = await proposeInWorker(text, names);
  const hash = textHash(text);
  return db.writeTransaction(async (tx) => {
    const earlier = await documentByHash(tx, editor.caller, hash);
    const document = earlier ?? (await newDocument(tx, editor, meta, text, hash, file));
    const proposals = toProposals(extraction, document, names);
    const fresh = earlier ? withoutProposed(proposals, await proposalKeys(tx, document.id)) : proposals;
    await createProposals(tx, fresh);
    return { document: withoutText(document), duplicate: earlier !== undefined, added: fresh.length };
  });
}

/**
 * The proposals not yet made for this document. A finding accepted earlier is now a graph entity
 * (new:Actor:x became actor-x): keys are compared with each decided finding read as its result.
 */
function withoutProposed<P extends { key: string }>(proposals: P[], earlier: { key: string; resultId: string | null }[]): P[] {
  const results = new Map<string, string>();
  for (const e of earlier)
    if (e.resultId && !e.key.startsWith('relationship|')) results.set(e.key.split('|').slice(2).join('|'), e.resultId);
  const canonical = (key: string) => {
    const [kind, type, ...rest] = key.split('|');
    if (kind === 'relationship') return ['relationship', type, ...rest.map((k) => results.get(k) ?? k)].join('|');
    const finding = rest.join('|');
    return `entity|${results.get(finding) ?? finding}`;
  };
  const seen = new Set(earlier.map((e) => canonical(e.key)));
  return proposals.filter((p) => !seen.has(canonical(p.key)));
}

const withoutText = ({ text: _t, hash: _h, ...rest }: StoredDocument) => rest as StoredDocument;

async function newDocument(
  tx: ManagedTransaction,
  editor: Editor,
  meta: DocumentMeta,
  text: string,
  hash: string,
  file: { format: string; fileName?: string | undefined },
): Promise<StoredDocument> {
  const sourceId = `src-doc-${slug(meta.title).slice(0, 50).replace(/-$/, '')}-${randomUUID().slice(0, 8)}`;
  await createNodeIn(tx, editor, 'Source', {
    id: sourceId,
    name: meta.title,
    title: meta.title,
    date: meta.date,
    kind: meta.kind,
    sensitivity: meta.sensitivity,
    ...(meta.publisher ? { publisher: meta.publisher } : {}),
  });
  return createDocument(tx, {
    id: `doc-${randomUUID()}`,
    sourceId,
    title: meta.title,
    date: meta.date,
    kind: meta.kind,
    sensitivity: meta.sensitivity,
    hash,
    text,
    format: file.format,
    ...(file.fileName ? { fileName: file.fileName } : {}),
    uploadedBy: editor.by,
    chars: text.length,
  });
}

/**
 * Proposals of an extraction; each at least as restricted as the document and every graph entity
 * it names, and at no level (visible to no one, never decided) if one of those is at none (knownLevel).
 */
export function toProposals(extraction: Extraction, document: StoredDocument, names: NamedEntry[]): Omit<StoredProposal, 'status'>[] {
  const levels = new Map(names.map((n) => [n.key, n.sensitivity]));
  const level = (...keys: string[]) => knownLevel(document.sensitivity, ...keys.map((k) => levels.get(k)));
  const base = (ordinal: number, quote: string, confidence: number) => ({
    id: `prop-${randomUUID()}`,
    documentId: document.id,
    hash: document.hash,
    ordinal,
    quote,
    confidence,
  });
  const entities = extraction.entities.map((e, i) => ({
    ...base(i, e.quote, e.confidence),
    kind: e.status === 'new' ? ('entity' as const) : ('mention' as const),
    key: `${e.status === 'new' ? 'entity' : 'mention'}|${e.label}|${e.key}`,
    sensitivity: level(...e.candidates.map((c) => c.id)),
    data: JSON.stringify(entityData(e)),
  }));
  const relationships = extraction.relationships.map((r, i) => ({
    ...base(entities.length + i, r.quote, r.confidence),
    kind: 'relationship' as const,
    key: `relationship|${r.type}|${r.from}|${r.to}`,
    sensitivity: level(...endCandidates(extraction, r)),
    data: JSON.stringify({
      type: r.type,
      from: r.from,
      to: r.to,
      fromName: nameOf(extraction, r.from),
      toName: nameOf(extraction, r.to),
      properties: r.properties,
      rule: r.rule,
    }),
  }));
  return [...entities, ...relationships];
}

function entityData(e: EntityFinding) {
  const { quote: _q, at: _a, confidence: _c, ...data } = e;
  return data;
}

const findingOf = (x: Extraction, key: string) => x.entities.find((e) => e.key === key);
const nameOf = (x: Extraction, key: string) => findingOf(x, key)?.name ?? key;
const endCandidates = (x: Extraction, r: RelationshipFinding) =>
  [r.from, r.to].flatMap((k) => findingOf(x, k)?.candidates.map((c) => c.id) ?? [k]);

// ---- decisions --------------------------------------------------------------------------------

export interface EntityData {
  key: string;
  label: NodeLabel;
  status: EntityFinding['status'];
  name: string;
  acronym?: string;
  aliases: string[];
  iso2?: string;
  kind?: string;
  candidates: { id: string; label: NodeLabel; name: string }[];
  extra?: Record<string, unknown>;
}

export interface RelationshipData {
  type: RelType;
  from: string;
  to: string;
  properties: Props;
  rule: string;
}

/**
 * A reviewer's decision on one proposal, and what it writes, in one transaction: the entity or
 * relationship through the entities feature (validated, audited), then the decision itself.
 * Nothing is written to the graph by a rejection.
 */
export async function decide(
  db: Database,
  editor: Editor,
  documentId: string,
  proposalId: string,
  decision: Decision,
): Promise<StoredProposal> {
  return db.writeTransaction(async (tx) => {
    const document = await getDocumentIn(tx, editor.caller, documentId);
    if (!document) throw AppError.notFound('Document', documentId);
    const proposal = await lockProposal(tx, proposalId);
    if (!proposal || proposal.documentId !== documentId || !editor.caller.allowed.includes(proposal.sensitivity as never))
      throw AppError.notFound('Proposal', proposalId);
    if (proposal.status !== 'pending')
      throw new AppError(
        409,
        'already-decided',
        'The proposal was already decided',
        `It was ${proposal.status} by ${proposal.decidedBy ?? 'someone'}; nothing was changed.`,
      );
    const outcome = await apply(db, tx, editor, document, proposal, decision);
    return recordDecision(tx, proposal.id, { ...outcome, by: editor.by, decision: JSON.stringify(decision) });
  });
}

async function apply(
  db: Database,
  tx: ManagedTransaction,
  editor: Editor,
  document: StoredDocument,
  proposal: StoredProposal,
  decision: Decision,
): Promise<{ status: StoredProposal['status']; resultId: string | null }> {
  if (decision.action === 'reject') return { status: 'rejected', resultId: null };
  if (proposal.kind === 'relationship') {
    if (decision.action === 'merge')
      throw invalid([{ field: 'body.action', message: 'a relationship is accepted or rejected, not merged' }]);
    const rel = await acceptRelationship(tx, editor, document, proposal, decision.properties ?? {});
    return { status: 'accepted', resultId: rel };
  }
  const data = JSON.parse(proposal.data) as EntityData;
  if (proposal.kind === 'entity' && decision.action === 'accept') {
    const created = await createNodeIn(tx, editor, data.label, newEntityProps(data, document, proposal, decision));
    return { status: 'accepted', resultId: created.id };
  }
  const target = decision.targetId ?? (data.status === 'resolved' ? data.candidates[0]?.id : undefined);
  if (!target)
    throw invalid([
      {
        field: 'body.targetId',
        message: `say which entity this is: one of ${data.candidates.map((c) => c.id).join(', ') || 'the graph ids'}`,
      },
    ]);
  await citeOn(db, tx, editor, target, document, proposal.quote);
  return { status: decision.action === 'merge' || proposal.kind === 'entity' ? 'merged' : 'accepted', resultId: target };
}

/** Cites the document (and the sentence) on an existing entity: the mention is recorded as evidence. */
async function citeOn(
  db: Database,
  tx: ManagedTransaction,
  editor: Editor,
  id: string,
  document: StoredDocument,
  quote: string,
): Promise<void> {
  const ref = (await findNodes(tx, [id])).get(id);
  if (!ref || !editor.caller.allowed.includes(ref.sensitivity as never))
    throw invalid([{ field: 'body.targetId', message: `no entity with id '${id}' is visible to you` }]);
  const node = await getNode(db, editor.caller, ref.label, id);
  const sourceIds = (node.properties.sourceIds as string[] | undefined) ?? [];
  if (sourceIds.includes(document.sourceId)) return;
  const quotes = (node.properties.quotes as string[] | undefined) ?? [];
  await updateNodeIn(tx, editor, ref.label, id, node.version, { sourceIds: [...sourceIds, document.sourceId], quotes: [...quotes, quote] });
}

const PREFIX: Record<NodeLabel, string> = {
  Actor: 'actor',
  Region: 'region',
  Threat: 'threat',
  Initiative: 'init',
  Agreement: 'agreement',
  Mandate: 'mandate',
  Source: 'src',
};

/** The stored properties of a new entity: what was found, the reviewer's edits over it, the document as its source. */
function newEntityProps(
  data: EntityData,
  document: StoredDocument,
  proposal: StoredProposal,
  decision: Extract<Decision, { action: 'accept' }>,
): Props {
  const id =
    decision.id ??
    (data.iso2 && data.label === 'Region' ? `country-${data.iso2.toLowerCase()}` : `${PREFIX[data.label]}-${slug(data.name)}`);
  const description = `From "${document.title}": ${proposal.quote}`.slice(0, 2000);
  const byLabel: Partial<Record<NodeLabel, Props>> = {
    Actor: { acronym: data.acronym, aliases: data.aliases, kind: data.kind ?? 'civil-society', level: 'regional', description },
    Region: {
      kind: data.kind ?? (data.iso2 ? 'country' : 'subregion'),
      iso2: data.iso2,
      aliases: data.aliases.length ? data.aliases : undefined,
    },
    Threat: { description },
    Initiative: { kind: 'initiative', description },
    Agreement: { kind: (data.extra?.kind as string | undefined) ?? 'mou', signed: data.extra?.signed, description },
    Mandate: { legalBasis: `As stated in "${document.title}"`, functions: data.extra?.functions ?? ['policy'], description },
  };
  const props: Props = {
    id,
    name: data.name,
    ...byLabel[data.label],
    sensitivity: proposal.sensitivity,
    sourceIds: [document.sourceId],
    quotes: [proposal.quote],
    ...decision.properties,
  };
  return Object.fromEntries(Object.entries(props).filter(([, v]) => v !== undefined));
}

/** The graph id a relationship end stands for: a graph id, or the entity an accepted/merged proposal became. */
async function resolveEnd(tx: ManagedTransaction, document: StoredDocument, key: string, field: string): Promise<string> {
  if (!key.startsWith('new:') && !key.startsWith('ambiguous:')) return key;
  const decided = await proposalForEnd(tx, document.id, key);
  if (!decided?.resultId)
    throw new AppError(
      409,
      'end-not-decided',
      'Decide the entity first',
      `The ${field} end (${key}) is a proposal nobody has accepted or merged yet; decide it first.`,
      [{ field: `body.${field}`, message: `proposal ${decided?.id ?? key} is ${decided?.status ?? 'pending'}` }],
    );
  return decided.resultId;
}

async function acceptRelationship(
  tx: ManagedTransaction,
  editor: Editor,
  document: StoredDocument,
  proposal: StoredProposal,
  edits: Props,
): Promise<string> {
  const data = JSON.parse(proposal.data) as RelationshipData;
  const from = await resolveEnd(tx, document, data.from, 'from');
  const to = await resolveEnd(tx, document, data.to, 'to');
  const properties: Props = {
    ...(data.type === 'PARTICIPATES_IN' ? { role: 'partner' } : {}),
    ...data.properties,
    confidence: proposal.confidence,
    sensitivity: proposal.sensitivity,
    sourceIds: [document.sourceId],
    quotes: [proposal.quote],
    ...edits,
  };
  const rel = await createRelationshipIn(tx, editor, { type: data.type, from, to, properties });
  return rel.id;
}
