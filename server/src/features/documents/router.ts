import type { Request, Response } from 'express';
import { Router } from 'express';
import type { Database } from '../../db/database.js';
import { AppError } from '../../errors.js';
import { callerOf } from '../../http/caller.js';
import { parse } from '../../http/validate.js';
import { authorOf } from '../audit/record.js';
import type { Editor } from '../entities/repository.js';
import { getDocument, listDocuments, proposalsOf } from './repository.js';
import { DecisionBody, DocumentParams, ListQuery, PasteBody, ProposalParams, ProposalsQuery, UploadQuery } from './schema.js';
import { bringDocument, decide } from './service.js';
import { checkedText, DOCUMENT_LIMITS, extractDocumentText, tooLarge } from './textExtraction.js';

const editorOf = (res: Response): Editor => ({ caller: callerOf(res), by: authorOf(res) });

/** The raw request body, refused past the size limit before it is all read. */
async function fileBody(req: Request): Promise<Uint8Array> {
  const declared = Number(req.get('content-length') ?? 0);
  if (declared > DOCUMENT_LIMITS.maxBytes) throw tooLarge();
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > DOCUMENT_LIMITS.maxBytes) {
      req.unpipe();
      throw tooLarge();
    }
    chunks.push(chunk);
  }
  return new Uint8Array(Buffer.concat(chunks));
}

function visibleDocumentOr404<T>(doc: T | undefined, id: string): T {
  if (!doc) throw AppError.notFound('Document', id);
  return doc;
}

/** /api/documents: bring a document, read it and its proposals, decide each proposal. */
export function documentsRouter(db: Database): Router {
  const router = Router();

  router.get('/', async (req, res) => {
    const { limit } = parse(ListQuery, req, 'query');
    res.json({ documents: await listDocuments(db, callerOf(res), limit) });
  });

  /** Pasted text as JSON: { title, date, kind, sensitivity, text }. */
  router.post('/', async (req, res) => {
    const { text, ...meta } = parse(PasteBody, req, 'body');
    const brought = await bringDocument(db, editorOf(res), meta, checkedText(text), { format: 'text' });
    res.status(brought.duplicate ? 200 : 201).json(brought);
  });

  /** A file as the raw body (text, Markdown, PDF or .docx); title, date, kind, sensitivity in the query. */
  router.post('/upload', async (req, res) => {
    if (req.is('application/json') || req.is('multipart/form-data'))
      throw new AppError(
        415,
        'unsupported-media-type',
        'Send the file itself as the body',
        'POST the file bytes (any Content-Type but JSON or multipart); paste text as JSON to POST /api/documents.',
      );
    const { fileName, ...meta } = parse(UploadQuery, req, 'query');
    const { text, format } = await extractDocumentText(await fileBody(req));
    const brought = await bringDocument(db, editorOf(res), meta, text, { format, fileName });
    res.status(brought.duplicate ? 200 : 201).json(brought);
  });

  router.get('/:id', async (req, res) => {
    const { id } = parse(DocumentParams, req, 'params');
    const { hash: _hash, ...doc } = visibleDocumentOr404(await getDocument(db, callerOf(res), id), id);
    res.json(doc);
  });

  router.get('/:id/proposals', async (req, res) => {
    const { id } = parse(DocumentParams, req, 'params');
    const { status } = parse(ProposalsQuery, req, 'query');
    visibleDocumentOr404(await getDocument(db, callerOf(res), id), id);
    const proposals = await proposalsOf(db, callerOf(res), id, status);
    res.json({
      documentId: id,
      proposals: proposals.map(({ data, decision, hash: _h, ...p }) => ({
        ...p,
        data: JSON.parse(data),
        decision: decision ? JSON.parse(decision) : null,
      })),
    });
  });

  router.post('/:id/proposals/:proposalId/decision', async (req, res) => {
    const { id, proposalId } = parse(ProposalParams, req, 'params');
    const decision = parse(DecisionBody, req, 'body');
    const decided = await decide(db, editorOf(res), id, proposalId, decision);
    const { data, decision: d, hash: _h, ...p } = decided;
    res.json({ ...p, data: JSON.parse(data), decision: d ? JSON.parse(d) : null });
  });

  return router;
}
