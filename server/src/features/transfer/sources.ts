import { createReadStream } from 'node:fs';
import type { FieldProblem } from '../../errors.js';
import type { Row } from './format.js';
import { readKumuConnections, readKumuElements } from './readers/csvReader.js';
import { readGraphmlRows, XmlFormatError } from './readers/graphmlReader.js';
import { JsonFormatError, readJsonRows } from './readers/jsonReader.js';

export const IMPORT_FORMATS = ['json', 'kumu', 'graphml'] as const;
export type ImportFormat = (typeof IMPORT_FORMATS)[number];

/** A spooled upload: one file (json, graphml) or Kumu's two sheets, read as often as the import needs. */
export interface ImportSource {
  format: ImportFormat;
  files: { name: string; path: string; sheet?: 'elements' | 'connections' }[];
}

/** Every row of the source, in file order (Kumu: elements, then connections). */
export async function* readRows(source: ImportSource): AsyncGenerator<Row> {
  for (const file of source.files) {
    const stream = createReadStream(file.path, { highWaterMark: 256 * 1024 });
    try {
      if (source.format === 'json') yield* readJsonRows(stream, file.name);
      else if (source.format === 'graphml') yield* readGraphmlRows(stream, file.name);
      else if (file.sheet === 'connections') yield* readKumuConnections(stream, file.name);
      else yield* readKumuElements(stream, file.name);
    } finally {
      stream.destroy();
    }
  }
}

/** A document that cannot be read at all (broken JSON or XML) as one listed problem. */
export function documentProblem(error: unknown): FieldProblem | null {
  if (error instanceof JsonFormatError || error instanceof XmlFormatError) return { field: error.field, message: error.message };
  return null;
}
