import { createWriteStream } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import { NODE_LABELS } from '@atlas/seed';
import { type Request, type Response, Router } from 'express';
import formidable from 'formidable';
import { z } from 'zod';
import type { Database } from '../../db/database.js';
import { AppError } from '../../errors.js';
import { callerOf } from '../../http/caller.js';
import { csvOf, parse } from '../../http/validate.js';
import { authorOf } from '../audit/record.js';
import { exportGraph } from './exporter.js';
import { ImportNotFound, type ImportProgress, importGraph, undoImport } from './importer.js';
import { IMPORT_FORMATS, type ImportSource } from './sources.js';
import { ImportRejected } from './validate.js';
import { gexfWriter, graphmlWriter, jsonWriter, kumuConnectionsWriter, kumuElementsWriter, type Writer } from './writers.js';

export const ExportQuery = z.object({
  format: z.enum(['json', 'kumu', 'graphml', 'gexf']).default('json'),
  sheet: z.enum(['elements', 'connections']).default('elements'),
  labels: csvOf(NODE_LABELS, 'label').default([...NODE_LABELS]),
  knownAt: z.iso.datetime({ offset: true, message: 'an ISO 8601 date-time, e.g. 2026-03-01T00:00:00Z' }).optional(),
});

export const ImportQuery = z.object({ format: z.enum(IMPORT_FORMATS).default('json') });
export const ImportParams = z.object({ importId: z.uuid() });

const MAX_UPLOAD = 4 * 1024 ** 3;

function writerFor(format: z.infer<typeof ExportQuery>['format'], sheet: 'elements' | 'connections'): Writer {
  if (format === 'kumu') return sheet === 'connections' ? kumuConnectionsWriter() : kumuElementsWriter();
  return { json: jsonWriter, graphml: graphmlWriter, gexf: gexfWriter }[format]();
}

/**
 * Spools the upload to a temporary folder, so validation and writing can each stream it again
 * in bounded memory. JSON and GraphML: the raw body (a small application/json body that
 * express.json already parsed is written back out). Kumu: multipart/form-data with the parts
 * `elements` and `connections` (CSV files).
 */
async function spool(req: Request, format: ImportSource['format'], dir: string): Promise<ImportSource> {
  if (format === 'kumu') {
    if (!req.is('multipart/form-data')) {
      throw new AppError(
        415,
        'unsupported-media-type',
        'Send the sheets as multipart/form-data',
        "Kumu imports take the parts 'elements' and 'connections' (CSV files).",
      );
    }
    const form = formidable({
      uploadDir: dir,
      maxFileSize: MAX_UPLOAD,
      maxTotalFileSize: MAX_UPLOAD,
      allowEmptyFiles: true,
      minFileSize: 0,
    });
    const [, files] = await form.parse(req).catch((error: unknown) => {
      throw unreadableMultipart(error);
    });
    const sheet = (name: 'elements' | 'connections') => {
      const file = files[name]?.[0];
      return file ? [{ name: file.originalFilename || `${name}.csv`, path: file.filepath, sheet: name }] : [];
    };
    const sheets = [...sheet('elements'), ...sheet('connections')];
    if (sheets.length === 0) {
      throw new AppError(400, 'invalid-request', 'Invalid request', "Send an 'elements' and/or a 'connections' CSV part.", [
        { field: 'body.elements', message: 'a CSV file part named elements or connections is required' },
      ]);
    }
    return { format, files: sheets };
  }
  const file = path.join(dir, `import.${format}`);
  if (req.body !== undefined && typeof req.body === 'object' && Object.keys(req.body).length > 0)
    await writeFile(file, JSON.stringify(req.body));
  else await pipeline(req, createWriteStream(file));
  return { format, files: [{ name: `import.${format === 'json' ? 'json' : 'graphml'}`, path: file }] };
}

/** A body formidable could not read (no boundary, cut short, too large) is the client's problem, said as such. */
function unreadableMultipart(error: unknown): AppError {
  const status = (error as { httpCode?: unknown }).httpCode;
  const reason = error instanceof Error ? error.message : String(error);
  return new AppError(
    status === 413 ? 413 : 400,
    'invalid-multipart',
    'The multipart body could not be read',
    `${reason}. Send multipart/form-data with its boundary and complete parts 'elements' and/or 'connections' (CSV files).`,
    [{ field: 'body', message: reason }],
  );
}

/** With `Accept: application/x-ndjson`, progress lines stream while writing, then the report. */
function progressStream(req: Request, res: Response): ((p: ImportProgress) => void) | undefined {
  if (!req.accepts(['application/json', 'application/x-ndjson']) || req.get('accept') !== 'application/x-ndjson') return undefined;
  return (p) => {
    if (!res.headersSent) res.status(200).type('application/x-ndjson');
    res.write(`${JSON.stringify(p)}\n`);
  };
}

export function transferRouter(db: Database): Router {
  const router = Router();

  router.get('/export', async (req, res) => {
    const query = parse(ExportQuery, req, 'query');
    const writer = writerFor(query.format, query.sheet);
    const stamp = new Date().toISOString().slice(0, 10);
    res.status(200).type(writer.contentType).attachment(`stakeholder-atlas-${stamp}.${writer.extension}`);
    await exportGraph(db, writer, res, { caller: callerOf(res), labels: query.labels, knownAt: query.knownAt });
    res.end();
  });

  router.post('/import', async (req, res) => {
    const { format } = parse(ImportQuery, req, 'query');
    const dir = await mkdtemp(path.join(os.tmpdir(), 'atlas-import-'));
    const streamProgress = progressStream(req, res);
    try {
      const source = await spool(req, format, dir);
      let lastLog = 0;
      const report = await importGraph(db, source, {
        caller: callerOf(res),
        by: authorOf(res),
        onProgress: (p) => {
          streamProgress?.(p);
          if (Date.now() - lastLog > 5_000) {
            lastLog = Date.now();
            console.log(`[import] ${p.phase} ${p.rows}${p.total ? ` of ${p.total}` : ''} rows`);
          }
        },
      });
      if (res.headersSent) res.end(`${JSON.stringify({ phase: 'done', report })}\n`);
      else res.status(200).json(report);
    } catch (error) {
      if (res.headersSent) {
        res.end(
          `${JSON.stringify({ phase: 'failed', detail: 'the import failed while writing and was rolled back; nothing was kept' })}\n`,
        );
        console.error('[import] failed while writing:', error);
        return;
      }
      if (error instanceof ImportRejected) {
        throw new AppError(
          400,
          'import-rejected',
          'The import was rejected; nothing was written',
          `${error.problems.length}${error.truncated ? ' (and more)' : ''} problems, each named file:line:field. Fix them and import the whole file again.`,
          error.problems,
        );
      }
      throw error;
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  /** Undoes a published import, by its author or an admin cleared for all it wrote (importer.ts, undoImport). */
  router.delete('/import/:importId', async (req, res) => {
    const { importId } = parse(ImportParams, req, 'params');
    try {
      res.json({ importId, ...(await undoImport(db, importId, callerOf(res))) });
    } catch (error) {
      if (!(error instanceof ImportNotFound)) throw error;
      throw new AppError(404, 'not-found', 'No such import', `No import '${importId}' that you may undo.`);
    }
  });

  return router;
}
