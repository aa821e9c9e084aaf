import { IsoDate, SENSITIVITY, SOURCE_KINDS } from '@atlas/seed';
import { z } from 'zod';
import { EntityId } from '../entities/schema.js';

/** What the uploader says of the document: it becomes the Source's title, date, kind and level. */
export const DocumentMeta = z.strictObject({
  title: z.string().trim().min(1, 'a title is required').max(300, 'at most 300 characters'),
  date: IsoDate,
  kind: z.enum(SOURCE_KINDS, { message: `one of ${SOURCE_KINDS.join(', ')}` }),
  sensitivity: z.enum(SENSITIVITY, { message: `one of ${SENSITIVITY.join(', ')}` }).default('CLEAR'),
  publisher: z.string().trim().min(1).max(300).optional(),
});
export type DocumentMeta = z.infer<typeof DocumentMeta>;

export const PasteBody = DocumentMeta.extend({ text: z.string({ message: 'the text of the document is required' }) });

/** A file upload: the body is the file; the metadata comes in the query string. */
export const UploadQuery = DocumentMeta.extend({ fileName: z.string().trim().min(1).max(300).optional() });

export const DocumentParams = z.object({ id: z.string().regex(/^doc-[0-9a-f-]{36}$/, 'a document id (doc-<uuid>)') });
export const ProposalParams = DocumentParams.extend({
  proposalId: z.string().regex(/^prop-[0-9a-f-]{36}$/, 'a proposal id (prop-<uuid>)'),
});

export const PROPOSAL_STATUSES = ['pending', 'accepted', 'merged', 'rejected'] as const;
export const ProposalsQuery = z.object({ status: z.enum(PROPOSAL_STATUSES).optional() });
export const ListQuery = z.object({ limit: z.coerce.number().int().min(1).max(500).default(100) });

/**
 * A reviewer's decision. accept: write the proposal as proposed, or with `properties` edited;
 * merge: the named thing is the existing entity `targetId` (cite the document on it); reject.
 */
export const DecisionBody = z.discriminatedUnion(
  'action',
  [
    z.strictObject({
      action: z.literal('accept'),
      /** For a mention with several candidates: which one. */
      targetId: EntityId.optional(),
      /** Edits: properties of the new entity or relationship, overriding the proposal's. */
      properties: z.record(z.string(), z.unknown()).optional(),
      /** For a new entity: the id to give it (default: from its name). */
      id: EntityId.optional(),
    }),
    z.strictObject({ action: z.literal('merge'), targetId: EntityId }),
    z.strictObject({ action: z.literal('reject'), reason: z.string().trim().max(500).optional() }),
  ],
  { message: "action must be 'accept', 'merge' or 'reject'" },
);
export type Decision = z.infer<typeof DecisionBody>;
