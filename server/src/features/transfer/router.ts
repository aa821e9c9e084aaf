import { createWriteStream } from 'node:fs';
import { rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import { NODE_LABELS } from '@atlas/seed';
import express, { type Request, type Response, Router } from 'express';
import formidable from 'formidable';
import { z } from 'zod';
import type { Database } from '../../db/database.js';
import { AppError } from '../../errors.js';
import { callerOf } from '../../http/caller.js';
import { csvOf, parse } from '../../http/validate.js';
import { authorOf } from '../audit/record.js';
import { dryRunImport } from './dryRun.js';
import { exportGraph } from './exporter.js';
import { ImportNotFound, type ImportProgress, importGraph, undoImport } from './importer.js';
import { exportNetwork, NetworkExportQuery } from './network/export.js';
import { emptyStats } from './network/mapping.js';
import { ImportQuery, listMappings, MappingParams, mappingFor, SaveMappingBody, saveMapping } from './network/requests.js';
import { type ImportSource, NETWORK_FORMATS } from './sources.js';
import { makeSpoolDir } from './spool.js';
import { ImportRejected } from './validate.js';
import { gexfWriter, graphmlWriter, jsonWriter, kumuConnectionsWriter, kumuElementsWriter, type Writer } from './writers.js';

export const ExportQuery = z.object({
  format: z.enum(['json', 'kumu', 'graphml', 'gexf']).default('json'),
  sheet: z.enum(['elements', 'connections']).default('elements'),
  labels: csvOf(NODE_LABELS, 'label').default([...NODE_LABELS]),
  knownAt: z.iso.datetime({ offset: true, message: 'an ISO 8601 date-time, e.g. 2026-03-01T00:00:00Z' }).optional(),
});

export { ImportQuery };
export const ImportParams = z.object({ importId: z.uuid() });

const MAX_UPLOAD = 4 * 1024 ** 3;

function writerFor(format: z.infer<typeof ExportQuery>['format'], sheet: 'elements' | 'connections'): Writer {
  if (format === 'kumu') return sheet === 'connections' ? kumuConnectionsWriter() : kumuElementsWriter();
  return { json: jsonWriter, graphml: graphmlWriter, gexf: gexfWriter }[format]();
}

/** The multipart parts of the two-sheet formats: Kumu's sheets, and a plain network's node and edge tables. */
const SHEETS = {
  kumu: ['elements', 'connections'],
  csv: ['nodes', 'edges'],
} as const;

/**
 * Spools the upload to a temporary folder, so validation and writing can each stream it again
 * in bounded memory. One-file formats: the raw body (a small application/json body that
 * express.json already parsed is written back out). Kumu and csv: multipart/form-data with the
 * parts named in SHEETS (CSV files). `name` names the upload in problems.
 */
async function spool(req: Request, format: ImportSource['format'], dir: string, name: string | undefined): Promise<ImportSource> {
  if (format === 'kumu' || format === 'csv') return spoolSheets(req, format, dir);
  const file = path.join(dir, `import.${format}`);
  if (req.body !== undefined && typeof req.body === 'object' && Object.keys(req.body).length > 0)
    await writeFile(file, JSON.stringify(req.body));
  else await pipeline(req, createWriteStream(file));
  const extension = format === 'edgelist' ? 'csv' : format;
  return { format, files: [{ name: name ?? `import.${extension}`, path: file }] };
}

async function spoolSheets(req: Request, format: 'kumu' | 'csv', dir: string): Promise<ImportSource> {
  const names = SHEETS[format];
  const parts = `'${names[0]}' and '${names[1]}'`;
  if (!req.is('multipart/form-data')) {
    throw new AppError(
      415,
      'unsupported-media-type',
      'Send the sheets as multipart/form-data',
      `${format === 'kumu' ? 'Kumu' : 'CSV network'} imports take the parts ${parts} (CSV files).`,
    );
  }
  const form = formidable({ uploadDir: dir, maxFileSize: MAX_UPLOAD, maxTotalFileSize: MAX_UPLOAD, allowEmptyFiles: true, minFileSize: 0 });
  const [, files] = await form.parse(req).catch((error: unknown) => {
    throw unreadableMultipart(error, parts);
  });
  const sheets = names.flatMap((sheet) => {
    const file = files[sheet]?.[0];
    return file ? [{ name: file.originalFilename || `${sheet}.csv`, path: file.filepath, sheet }] : [];
  });
  const needed = format === 'csv' ? (['edges'] as const) : [];
  for (const sheet of needed) {
    if (!sheets.some((s) => s.sheet === sheet))
      throw new AppError(400, 'invalid-request', 'Invalid request', `Send a '${sheet}' CSV part.`, [
        { field: `body.${sheet}`, message: `a CSV file part named ${sheet} is required` },
      ]);
  }
  if (sheets.length === 0) {
    throw new AppError(400, 'invalid-request', 'Invalid request', `Send a '${names[0]}' and/or a '${names[1]}' CSV part.`, [
      { field: `body.${names[0]}`, message: `a CSV file part named ${names[0]} or ${names[1]} is required` },
    ]);
  }
  return { format, files: sheets };
}

/** The upload spooled, and for a plain network its mapping (and counts to fill while reading). */
async function spoolSource(db: Database, req: Request, res: Response, dir: string): Promise<ImportSource> {
  const query = parse(ImportQuery, req, 'query');
  const source = await spool(req, query.format, dir, query.file);
  const first = source.files[0] as { name: string; path: string };
  if (!NETWORK_FORMATS.includes(query.format)) return source;
  const network = await mappingFor(db, callerOf(res), query, query.format, first.path, query.file ?? first.name);
  return network ? { ...source, network, stats: emptyStats() } : source;
}

/** A body formidable could not read (no boundary, cut short, too large) is the client's problem, said as such. */
function unreadableMultipart(error: unknown, parts: string): AppError {
  const status = (error as { httpCode?: unknown }).httpCode;
  const reason = error instanceof Error ? error.message : String(error);
  return new AppError(
    status === 413 ? 413 : 400,
    'invalid-multipart',
    'The multipart body could not be read',
    `${reason}. Send multipart/form-data with its boundary and complete parts ${parts} (CSV files).`,
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

  /** Everything an import checks, nothing written: what it would write, samples, problems. */
  router.post('/import/dry-run', async (req, res) => {
    parse(ImportQuery, req, 'query');
    const dir = await makeSpoolDir();
    try {
      res.json(await dryRunImport(db, await spoolSource(db, req, res, dir), callerOf(res)));
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  router.get('/import/mappings', async (_req, res) => {
    res.json({ mappings: await listMappings(db, callerOf(res)) });
  });

  // /import bodies are spooled, not parsed (app.ts): a saved mapping's small JSON body is parsed here.
  router.put('/import/mappings/:name', express.json({ limit: '64kb' }), async (req, res) => {
    const { name } = parse(MappingParams, req, 'params');
    const body = parse(SaveMappingBody, req, 'body');
    await saveMapping(db, callerOf(res), name, body);
    res.status(200).json({ name, ...body });
  });

  /** A slice (one network, or any) with results as node attributes, for networkx, igraph, R and Gephi. */
  router.get('/export/network', async (req, res) => {
    const query = parse(NetworkExportQuery, req, 'query');
    const { text, type, extension } = await exportNetwork(db, callerOf(res), query);
    res
      .status(200)
      .type(type)
      .attachment(`${query.network ?? 'stakeholder-atlas'}.${extension}`)
      .send(text);
  });

  router.post('/import', async (req, res) => {
    parse(ImportQuery, req, 'query');
    const dir = await makeSpoolDir();
    const streamProgress = progressStream(req, res);
    try {
      const source = await spoolSource(db, req, res, dir);
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
        // A conflict is the client's to act on (ImportConflict says which node went); anything else is only logged.
        const detail =
          error instanceof AppError && error.status < 500
            ? { code: error.code, detail: error.detail, errors: error.errors }
            : { detail: 'the import failed while writing and was rolled back; nothing was kept' };
        res.end(`${JSON.stringify({ phase: 'failed', ...detail })}\n`);
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
