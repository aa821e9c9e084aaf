import { AppError } from '../../errors.js';
import { bundledWorker, runBundledWorker } from '../../workers/bundle.js';
import type { NamedEntry } from './extract/gazetteer.js';
import type { Extraction } from './extract/model.js';
import type { FileKind, ProposeJob, ProposeReply, TextJob, TextReply } from './textWorker.js';

/** Limits on what one document may be; a file past any of them is refused and nothing is written. */
export const DOCUMENT_LIMITS = {
  /** Bytes of one upload. */
  maxBytes: 10 * 1024 ** 2,
  /** Characters of extracted text (a PDF or .docx "bomb" expands far past its file size). */
  maxChars: 1_000_000,
  /** Pages of a PDF. */
  maxPages: 500,
  /** Time for one extraction, start-up of the worker included. */
  timeoutMs: 20_000,
  /** Heap of the extraction worker. */
  workerHeapMb: 256,
  /** Time to propose the facts of one text (about 50 µs a character on a loaded 2-core machine). */
  proposeTimeoutMs: 120_000,
  /** Heap of the proposing worker (the gazetteer of a large graph and the language model). */
  proposeHeapMb: 1024,
} as const;

function refused(code: string, detail: string, status = 422): AppError {
  return new AppError(status, code, 'The document was refused; nothing was written', detail, [{ field: 'body', message: detail }]);
}

const startsWith = (bytes: Uint8Array, magic: number[]) => magic.every((b, i) => bytes[i] === b);
const PDF = [0x25, 0x50, 0x44, 0x46, 0x2d]; // %PDF-
const ZIP = [0x50, 0x4b, 0x03, 0x04];
const OLE = [0xd0, 0xcf, 0x11, 0xe0]; // legacy .doc, and every password-protected Office file

/** What the bytes are, from their first bytes rather than the name or type the client claims. */
export function sniffKind(bytes: Uint8Array): FileKind | 'ole' | 'zip' | 'text' {
  if (startsWith(bytes, PDF)) return 'pdf';
  if (startsWith(bytes, OLE)) return 'ole';
  if (startsWith(bytes, ZIP)) return new TextDecoder('latin1').decode(bytes.subarray(0, 4096)).includes('word/') ? 'docx' : 'zip';
  return 'text';
}

/** Plain text or Markdown: valid UTF-8 with no control bytes other than tab, newline and carriage return. */
export function decodeText(bytes: Uint8Array): string {
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw refused('binary-file', 'the file is neither UTF-8 text, Markdown, PDF nor .docx');
  }
  // biome-ignore lint/suspicious/noControlCharactersInRegex: looking for control bytes is the point
  if (/[\u0000-\u0008\u000e-\u001f\u007f]/.test(text)) throw refused('binary-file', 'the file holds binary data, not text');
  return text.replace(/^\uFEFF/, '');
}

/** The text of an uploaded file: text directly, PDF and .docx on a worker thread within DOCUMENT_LIMITS. */
export async function extractDocumentText(bytes: Uint8Array): Promise<{ text: string; format: 'text' | FileKind }> {
  if (bytes.length === 0) throw refused('empty-document', 'the file is empty', 400);
  if (bytes.length > DOCUMENT_LIMITS.maxBytes) throw tooLarge();
  const kind = sniffKind(bytes);
  if (kind === 'ole')
    throw refused(
      'password-protected',
      'the file is a password-protected Office file or a legacy .doc; save it as an unprotected .docx or PDF',
    );
  if (kind === 'zip') throw refused('binary-file', 'the file is a ZIP archive, not a .docx document');
  const text =
    kind === 'text'
      ? decodeText(bytes)
      : fileText(await inWorker<TextReply>({ kind, bytes, maxChars: DOCUMENT_LIMITS.maxChars, maxPages: DOCUMENT_LIMITS.maxPages }));
  return { text: checkedText(text), format: kind };
}

function fileText(reply: TextReply): string {
  if (!reply.ok) throw refused(reply.code, reply.reason);
  return reply.text;
}

export function tooLarge(): AppError {
  return refused('document-too-large', `the document is larger than ${DOCUMENT_LIMITS.maxBytes / 1024 ** 2} MB`, 413);
}

/** Pasted or extracted text: not blank and within the character limit. */
export function checkedText(text: string): string {
  const normalized = text.normalize('NFC').replace(/\r\n?/g, '\n');
  if (normalized.trim().length === 0) throw refused('empty-document', 'the document holds no text (a scanned PDF needs OCR first)', 400);
  if (normalized.length > DOCUMENT_LIMITS.maxChars)
    throw refused('too-much-text', `the document holds more than ${DOCUMENT_LIMITS.maxChars.toLocaleString('en')} characters`, 413);
  return normalized;
}

/** The facts a text proposes, worked out on a worker thread so a long text never holds the event loop. */
export async function proposeInWorker(text: string, names: NamedEntry[]): Promise<Extraction> {
  const reply = await inWorker<ProposeReply>(
    { kind: 'propose', text, names },
    DOCUMENT_LIMITS.proposeTimeoutMs,
    DOCUMENT_LIMITS.proposeHeapMb,
  );
  return reply.extraction;
}

const WORKER_ENTRY = new URL('./textWorker.ts', import.meta.url);

/** textWorker.ts bundled once per process (workers/bundle.ts); start-up calls this ahead of time. */
export function compiledDocumentWorker(): Promise<string> {
  return bundledWorker(WORKER_ENTRY);
}

/** The worker starts the bundled JavaScript (workers/bundle.ts), as the centrality workers do. */
async function inWorker<R>(
  job: TextJob | ProposeJob,
  timeoutMs: number = DOCUMENT_LIMITS.timeoutMs,
  heapMb: number = DOCUMENT_LIMITS.workerHeapMb,
): Promise<R> {
  const timeout = new Error('timeout');
  try {
    return await runBundledWorker<R>(WORKER_ENTRY, job, {
      name: 'the document worker',
      timeoutMs,
      timedOut: () => timeout,
      resourceLimits: { maxOldGenerationSizeMb: heapMb },
    });
  } catch (error) {
    if (error === timeout) {
      throw refused(
        'extraction-timeout',
        `reading the file took longer than ${timeoutMs / 1000} s; it may be a decompression bomb, or too long a text`,
      );
    }
    if ((error as { code?: string }).code === 'ERR_WORKER_OUT_OF_MEMORY') {
      throw refused('extraction-out-of-memory', 'reading the file needed more memory than allowed; it may be a decompression bomb');
    }
    throw refused('unreadable', 'the file could not be read');
  }
}
