// A worker thread's job (see textExtraction.ts): turn one uploaded file into plain text, or propose
// the facts of a text. It runs apart from the API's event loop, under a memory cap, and is stopped
// from outside when it passes its time budget, so a hostile PDF or .docx, or a long text, cannot
// stall or exhaust the server.
import { parentPort, workerData } from 'node:worker_threads';
import mammoth from 'mammoth';
import { extractText, getDocumentProxy } from 'unpdf';
import type { NamedEntry } from './extract/gazetteer.js';
import type { Extraction } from './extract/model.js';
import { proposeFacts } from './extract/propose.js';

export type FileKind = 'pdf' | 'docx';

export interface TextJob {
  kind: FileKind;
  bytes: Uint8Array;
  maxChars: number;
  maxPages: number;
}

export interface ProposeJob {
  kind: 'propose';
  text: string;
  names: NamedEntry[];
}

/** What the worker answers: the text, or why the file was refused (a message for the uploader). */
export type TextReply = { ok: true; text: string; pages?: number } | { ok: false; reason: string; code: string };
export type ProposeReply = { ok: true; extraction: Extraction };

class Refused extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

async function pdfText(job: TextJob): Promise<{ text: string; pages: number }> {
  let pdf: Awaited<ReturnType<typeof getDocumentProxy>>;
  try {
    pdf = await getDocumentProxy(job.bytes, { isEvalSupported: false, stopAtErrors: true });
  } catch (error) {
    if ((error as { name?: string }).name === 'PasswordException')
      throw new Refused('password-protected', 'the PDF is password-protected; remove the password and upload it again');
    throw new Refused('unreadable-pdf', 'the file is not a readable PDF');
  }
  if (pdf.numPages > job.maxPages)
    throw new Refused('too-many-pages', `the PDF has ${pdf.numPages} pages; at most ${job.maxPages} are read`);
  const { text } = await extractText(pdf, { mergePages: true });
  return { text, pages: pdf.numPages };
}

async function docxText(job: TextJob): Promise<string> {
  try {
    const { value } = await mammoth.extractRawText({ buffer: Buffer.from(job.bytes) });
    return value;
  } catch {
    throw new Refused('unreadable-docx', 'the file is not a readable Word (.docx) document');
  }
}

async function run(job: TextJob): Promise<TextReply> {
  try {
    const { text, pages } = job.kind === 'pdf' ? await pdfText(job) : { text: await docxText(job), pages: undefined };
    if (text.length > job.maxChars)
      throw new Refused('too-much-text', `the file holds more than ${job.maxChars.toLocaleString('en')} characters of text`);
    return { ok: true, text, ...(pages === undefined ? {} : { pages }) };
  } catch (error) {
    if (error instanceof Refused) return { ok: false, code: error.code, reason: error.message };
    return { ok: false, code: 'unreadable', reason: `the ${job.kind === 'pdf' ? 'PDF' : '.docx'} file could not be read` };
  }
}

// No top-level await: the worker runs as one CommonJS bundle (workers/bundle.ts).
const job = workerData as TextJob | ProposeJob;
if (job.kind === 'propose') parentPort?.postMessage({ ok: true, extraction: proposeFacts(job.text, job.names) } satisfies ProposeReply);
else void run(job).then((reply) => parentPort?.postMessage(reply));
