import type { Readable } from 'node:stream';
import { alignQuotes, fromText, NODE_PROPERTY_KINDS, RELATIONSHIP_PROPERTY_KINDS, type Row, type ValueKind } from '../format.js';

export interface CsvRecord {
  fields: string[];
  /** Line the record starts on (a quoted cell may span lines). */
  line: number;
}

/** RFC 4180 records from a text stream, one at a time (quoted cells, "" escapes, CRLF, a BOM). */
export async function* readCsvRecords(input: Readable): AsyncGenerator<CsvRecord> {
  let fields: string[] = [];
  let cell = '';
  let quoted = false;
  let afterQuote = false;
  let line = 1;
  let recordLine = 1;
  let first = true;
  input.setEncoding('utf8');
  for await (const chunk of input as AsyncIterable<string>) {
    let text = chunk;
    if (first) {
      text = text.replace(/^\uFEFF/, '');
      first = false;
    }
    for (let i = 0; i < text.length; i++) {
      const c = text[i] as string;
      if (quoted) {
        if (c === '"') {
          quoted = false;
          afterQuote = true;
        } else {
          if (c === '\n') line++;
          cell += c;
        }
        continue;
      }
      if (c === '"') {
        // "" inside a quoted cell is one quote.
        if (afterQuote) cell += '"';
        quoted = true;
        afterQuote = false;
        continue;
      }
      afterQuote = false;
      if (c === ',') {
        fields.push(cell);
        cell = '';
      } else if (c === '\n') {
        fields.push(cell.endsWith('\r') ? cell.slice(0, -1) : cell);
        if (fields.length > 1 || fields[0] !== '') yield { fields, line: recordLine };
        fields = [];
        cell = '';
        line++;
        recordLine = line;
      } else cell += c;
    }
  }
  if (cell !== '' || fields.length > 0) {
    fields.push(cell.endsWith('\r') ? cell.slice(0, -1) : cell);
    yield { fields, line: recordLine };
  }
}

/** Kumu's own column names and the properties they hold; every other column is a property by name. */
const ELEMENT_COLUMNS: Record<string, string> = { id: 'id', label: 'name', type: 'label', description: 'description' };
const CONNECTION_COLUMNS: Record<string, string> = { id: 'id', from: 'from', to: 'to', type: 'type', direction: 'direction' };

function columns(header: string[], known: Record<string, string>, kinds: Map<string, ValueKind>): string[] {
  return header.map((h) => {
    const name = h.trim();
    const lower = name.toLowerCase();
    if (known[lower]) return known[lower];
    const property = [...kinds.keys()].find((k) => k.toLowerCase() === lower);
    return property ?? name;
  });
}

/**
 * Kumu's element sheet: ID, Label, Type (the node label: Actor, Region, ...), Description, and
 * one column per property (multi-values separated by |). Field names in problems are the
 * sheet's own column headers.
 */
export async function* readKumuElements(input: Readable, file: string): AsyncGenerator<Row> {
  let header: string[] | null = null;
  let keys: string[] = [];
  for await (const record of readCsvRecords(input)) {
    if (!header) {
      header = record.fields;
      keys = columns(header, ELEMENT_COLUMNS, NODE_PROPERTY_KINDS);
      continue;
    }
    const properties: Record<string, unknown> = {};
    let label = '';
    const columnOf: Record<string, string> = {};
    keys.forEach((key, i) => {
      const text = record.fields[i] ?? '';
      columnOf[key] = header?.[i] ?? key;
      if (key === 'label') label = text;
      else {
        const value = fromText(NODE_PROPERTY_KINDS.get(key), text);
        if (value !== undefined) properties[key] = value;
      }
    });
    alignQuotes(properties);
    yield { kind: 'node', label, id: String(properties.id ?? ''), properties, where: { file, line: record.line, columns: columnOf } };
  }
}

/** Kumu's connection sheet: ID, From, To (element ids), Type (relationship type), Direction, properties. */
export async function* readKumuConnections(input: Readable, file: string): AsyncGenerator<Row> {
  let header: string[] | null = null;
  let keys: string[] = [];
  for await (const record of readCsvRecords(input)) {
    if (!header) {
      header = record.fields;
      keys = columns(header, CONNECTION_COLUMNS, RELATIONSHIP_PROPERTY_KINDS);
      continue;
    }
    const properties: Record<string, unknown> = {};
    const cells: Record<string, string> = {};
    const columnOf: Record<string, string> = {};
    keys.forEach((key, i) => {
      const text = record.fields[i] ?? '';
      columnOf[key] = header?.[i] ?? key;
      if (key in CONNECTION_COLUMNS_BY_KEY) cells[key] = text;
      else {
        const value = fromText(RELATIONSHIP_PROPERTY_KINDS.get(key), text);
        if (value !== undefined) properties[key] = value;
      }
    });
    alignQuotes(properties);
    const direction = cells.direction;
    const problems =
      direction && direction.toLowerCase() !== 'directed'
        ? [
            {
              field: `${file}:${record.line}:${columnOf.direction}`,
              message: "only 'directed' connections (every relationship type has a direction)",
            },
          ]
        : undefined;
    yield {
      kind: 'relationship',
      type: cells.type ?? '',
      id: cells.id || undefined,
      from: cells.from ?? '',
      to: cells.to ?? '',
      properties,
      where: { file, line: record.line, columns: columnOf },
      ...(problems ? { problems } : {}),
    };
  }
}

const CONNECTION_COLUMNS_BY_KEY = Object.fromEntries(Object.values(CONNECTION_COLUMNS).map((k) => [k, true]));
