import type { Readable } from 'node:stream';
import { readCsvRecords } from '../readers/csvReader.js';
import { guessedValue, type PlainElement, type Value } from './elements.js';

const SOURCE = ['source', 'from'];
const TARGET = ['target', 'to'];

const find = (header: string[], names: string[]) => header.findIndex((h) => names.includes(h.trim().toLowerCase()));

/**
 * An edge-list CSV: a header naming `source` and `target` (or `from`, `to`; any case, as Gephi's
 * edge table writes them) and any other columns as attributes; without such a header, the
 * columns are source, target, weight (networkx's `write_weighted_edgelist` with a comma). A
 * `type` column of Directed/Undirected (Gephi) sets each edge's direction; otherwise `directed`.
 */
export async function* readEdgeList(input: Readable, directed: boolean): AsyncGenerator<PlainElement> {
  let header: string[] | null = null;
  let from = 0;
  let to = 1;
  let direction = -1;
  for await (const record of readCsvRecords(input)) {
    if (!header) {
      const s = find(record.fields, SOURCE);
      const t = find(record.fields, TARGET);
      header = s >= 0 && t >= 0 ? record.fields.map((h) => h.trim()) : ['source', 'target', 'weight'];
      if (s >= 0 && t >= 0) {
        [from, to] = [s, t];
        direction = find(record.fields, ['type']);
        continue;
      }
    }
    const attrs = cells(header, record.fields, [from, to, direction]);
    const type = direction >= 0 ? (record.fields[direction] ?? '').trim().toLowerCase() : '';
    yield {
      kind: 'edge',
      source: record.fields[from] ?? '',
      target: record.fields[to] ?? '',
      directed: type === 'directed' ? true : type === 'undirected' ? false : directed,
      attrs,
      line: record.line,
    };
  }
}

/** A node table: the `id` column (any case; else the first) and every other column as an attribute. */
export async function* readNodeTable(input: Readable): AsyncGenerator<PlainElement> {
  let header: string[] | null = null;
  let idColumn = 0;
  for await (const record of readCsvRecords(input)) {
    if (!header) {
      header = record.fields.map((h) => h.trim());
      idColumn = Math.max(0, find(header, ['id']));
      continue;
    }
    yield { kind: 'node', id: record.fields[idColumn] ?? '', attrs: cells(header, record.fields, [idColumn]), line: record.line };
  }
}

function cells(header: string[], fields: string[], skip: number[]): Record<string, Value> {
  const attrs: Record<string, Value> = {};
  header.forEach((name, i) => {
    const text = fields[i] ?? '';
    if (!skip.includes(i) && text !== '') attrs[name] = guessedValue(text);
  });
  return attrs;
}
