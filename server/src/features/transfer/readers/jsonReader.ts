import type { Readable } from 'node:stream';
import { FORMAT_NAME, FORMAT_VERSION, type Row, type Where } from '../format.js';

/**
 * Streams the project's JSON format `{ format, version, nodes: [...], relationships: [...] }`
 * without holding the document: a scanner tracks strings and nesting and hands each element of
 * `nodes` and `relationships` to JSON.parse on its own, with the line it starts on. Memory is
 * bounded by the largest single element.
 */
const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const NEWLINE = 0x0a;

interface Capture {
  parts: string[];
  start: number;
  line: number;
  /** Nesting depth the value sits at: 1 for a header value, 2 for a list element. */
  depth: number;
  scalar: boolean;
}

export async function* readJsonRows(input: Readable, file: string): AsyncGenerator<Row> {
  let line = 1;
  let depth = 0;
  let inString = false;
  let escaped = false;
  let keyParts: string[] | null = null;
  let keyStart = 0;
  let key = '';
  let expectKey = false;
  let pendingValue = false;
  let section: 'nodes' | 'relationships' | null = null;
  let capture: Capture | null = null;
  let sawRoot = false;
  const index = { nodes: 0, relationships: 0 };
  const header: Record<string, unknown> = {};

  const begin = (i: number, c: string, at: number): Capture => {
    const scalar = c !== '{' && c !== '[';
    if (!scalar) depth++;
    if (c === '"') inString = true;
    return { parts: [], start: i, line, depth: at, scalar };
  };

  input.setEncoding('utf8');
  for await (const chunk of input as AsyncIterable<string>) {
    if (capture) capture.start = 0;
    keyStart = 0;
    for (let i = 0; i < chunk.length; i++) {
      const c = chunk[i] as string;
      if (c === '\n') line++;
      if (inString) {
        if (escaped) escaped = false;
        else if (c === '\\') escaped = true;
        else if (c === '"') {
          inString = false;
          if (keyParts) {
            keyParts.push(chunk.slice(keyStart, i));
            key = keyParts.join('');
            keyParts = null;
          }
        } else {
          // Plain characters of a string: skip to the next quote, backslash or newline (counted above).
          let j = i + 1;
          for (let k = chunk.charCodeAt(j); j < chunk.length && k !== QUOTE && k !== BACKSLASH && k !== NEWLINE; k = chunk.charCodeAt(++j));
          i = j - 1;
        }
        continue;
      }
      if (c === ' ' || c === '\n' || c === '\r' || c === '\t') continue;
      if (capture) {
        if (c === '"') {
          inString = true;
          continue;
        }
        if (c === '{' || c === '[') {
          depth++;
          continue;
        }
        const closes = c === '}' || c === ']';
        if (closes && depth > capture.depth) {
          depth--;
          if (depth > capture.depth || capture.scalar) continue;
          // The element's own container closed.
          capture.parts.push(chunk.slice(capture.start, i + 1));
        } else if ((closes || c === ',') && depth === capture.depth && capture.scalar) {
          capture.parts.push(chunk.slice(capture.start, i));
        } else continue;
        const raw = capture.parts.join('');
        const where = { file, line: capture.line };
        const wasHeader = capture.depth === 1;
        const scalarEnd = capture.scalar;
        capture = null;
        if (wasHeader) {
          header[key] = parseOrThrow(raw, `${file}:${where.line}:${key}`);
          checkHeader(header, key, `${file}:${where.line}:${key}`);
        } else {
          const list = section as 'nodes' | 'relationships';
          yield toRow(list, raw, where, index[list]++);
        }
        if (!scalarEnd) continue;
        // A scalar's terminator belongs to the enclosing level: fall through to handle it.
      }
      if (depth === 0) {
        if (c !== '{' || sawRoot) throw new JsonFormatError(`${file}:${line}:`, 'expected one JSON object');
        sawRoot = true;
        depth = 1;
        expectKey = true;
      } else if (depth === 1) {
        if (c === '"' && expectKey) {
          inString = true;
          keyParts = [];
          keyStart = i + 1;
        } else if (c === ':') {
          expectKey = false;
          pendingValue = true;
        } else if (c === ',') expectKey = true;
        else if (c === '}') depth = 0;
        else if (pendingValue) {
          pendingValue = false;
          if (key === 'nodes' || key === 'relationships') {
            if (c !== '[') throw new JsonFormatError(`${file}:${line}:${key}`, 'expected a list');
            section = key;
            depth = 2;
          } else capture = begin(i, c, 1);
        } else throw new JsonFormatError(`${file}:${line}:`, `unexpected '${c}'`);
      } else if (depth === 2 && section) {
        if (c === ']') {
          depth = 1;
          section = null;
        } else if (c !== ',') capture = begin(i, c, 2);
      }
    }
    if (capture) capture.parts.push(chunk.slice(capture.start));
    if (keyParts) keyParts.push(chunk.slice(keyStart));
  }
  if (!sawRoot || depth !== 0) throw new JsonFormatError(`${file}:${line}:`, 'the document ends early (unbalanced braces)');
  if (header.format === undefined) throw new JsonFormatError(`${file}:1:format`, `missing; expected '${FORMAT_NAME}'`);
}

export class JsonFormatError extends Error {
  constructor(
    readonly field: string,
    message: string,
  ) {
    super(message);
  }
}

function parseOrThrow(raw: string, field: string): unknown {
  try {
    return JSON.parse(raw);
  } catch (error) {
    throw new JsonFormatError(field, `not valid JSON (${(error as Error).message})`);
  }
}

function checkHeader(header: Record<string, unknown>, key: string, field: string): void {
  if (key === 'format' && header.format !== FORMAT_NAME) throw new JsonFormatError(field, `expected '${FORMAT_NAME}'`);
  if (key === 'version' && header.version !== FORMAT_VERSION) throw new JsonFormatError(field, `version ${FORMAT_VERSION} is the only one`);
}

/**
 * One element of `nodes` or `relationships` as a row. Its problems are located by line and by
 * the element's place and id in the document (`nodes[2](actor-x).properties.kind`), so a file
 * written on one line still names each bad element.
 */
function toRow(section: 'nodes' | 'relationships', raw: string, at: { file: string; line: number }, index: number): Row {
  const element = `${section}[${index}]`;
  let value: unknown;
  try {
    value = JSON.parse(raw);
  } catch (error) {
    return badRow(section, at, element, `not valid JSON (${(error as Error).message})`);
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return badRow(section, at, element, 'expected an object');
  const v = value as Record<string, unknown>;
  const properties = (typeof v.properties === 'object' && v.properties !== null ? v.properties : {}) as Record<string, unknown>;
  const id = v.id ?? (section === 'nodes' ? properties.id : undefined);
  const where: Where = { ...at, element: typeof id === 'string' && id !== '' ? `${element}(${id})` : element };
  if (section === 'nodes') {
    return { kind: 'node', label: String(v.label ?? ''), id: String(v.id ?? properties.id ?? ''), properties, where };
  }
  return {
    kind: 'relationship',
    type: String(v.type ?? ''),
    id: typeof v.id === 'string' ? v.id : undefined,
    from: String(v.from ?? ''),
    to: String(v.to ?? ''),
    properties,
    where,
  };
}

function badRow(section: 'nodes' | 'relationships', at: { file: string; line: number }, element: string, message: string): Row {
  const where: Where = { ...at, element };
  const problems = [{ field: `${at.file}:${at.line}:${element}`, message }];
  return section === 'nodes'
    ? { kind: 'node', label: '', id: '', properties: {}, where, problems }
    : { kind: 'relationship', type: '', from: '', to: '', properties: {}, where, problems };
}
