import { createReadStream } from 'node:fs';
import { open } from 'node:fs/promises';
import type { FieldProblem } from '../../errors.js';
import type { Row } from './format.js';
import { readEdgeList, readNodeTable } from './network/csv.js';
import type { PlainElement } from './network/elements.js';
import { readGexf } from './network/gexf.js';
import { readPlainGraphml } from './network/graphml.js';
import { type MappingStats, mapElements, type ResolvedMapping } from './network/mapping.js';
import { readKumuConnections, readKumuElements } from './readers/csvReader.js';
import { readGraphmlRows, XmlFormatError } from './readers/graphmlReader.js';
import { JsonFormatError, readJsonRows } from './readers/jsonReader.js';

/**
 * json, kumu and graphml (an atlas export) carry the atlas model; a graphml file that does not
 * (networkx, igraph, Gephi), gexf, edgelist (one CSV) and csv (a nodes and an edges CSV) are a
 * researcher's plain network, read through a mapping (network/mapping.ts).
 */
export const IMPORT_FORMATS = ['json', 'kumu', 'graphml', 'gexf', 'edgelist', 'csv'] as const;
export type ImportFormat = (typeof IMPORT_FORMATS)[number];
export const NETWORK_FORMATS: readonly ImportFormat[] = ['graphml', 'gexf', 'edgelist', 'csv'];

/** A spooled upload: one file (json, graphml...) or two sheets (Kumu, csv), read as often as the import needs. */
export interface ImportSource {
  format: ImportFormat;
  files: { name: string; path: string; sheet?: 'elements' | 'connections' | 'nodes' | 'edges' }[];
  /** Set for a plain network: how its elements become rows. */
  network?: ResolvedMapping;
  /** Filled while reading a plain network (the dry run reports it). */
  stats?: MappingStats;
}

/** Every row of the source, in file order (Kumu and csv: nodes, then connections). */
export async function* readRows(source: ImportSource): AsyncGenerator<Row> {
  if (source.network) {
    yield* mapElements(plainElements(source), source.network, source.files[0]?.name ?? 'network', source.stats);
    return;
  }
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

/** A plain network's elements across its files (a csv pair: the nodes sheet first). */
async function* plainElements(source: ImportSource): AsyncGenerator<PlainElement> {
  const files = [...source.files].sort((a, b) => (a.sheet === 'edges' ? 1 : 0) - (b.sheet === 'edges' ? 1 : 0));
  for (const file of files) {
    const stream = createReadStream(file.path, { highWaterMark: 256 * 1024 });
    try {
      if (source.format === 'graphml') yield* readPlainGraphml(stream, file.name);
      else if (source.format === 'gexf') yield* readGexf(stream, file.name);
      else if (file.sheet === 'nodes') yield* readNodeTable(stream);
      else yield* readEdgeList(stream, source.network?.directed ?? false);
    } finally {
      stream.destroy();
    }
  }
}

/**
 * Whether a GraphML file carries the atlas model (an atlas or Neo4j export: a node key named
 * `labels`, or node `label` with edge `type` keys) rather than a plain network, told from the
 * <key> declarations at its head.
 */
export async function isAtlasGraphml(file: string): Promise<boolean> {
  const handle = await open(file, 'r');
  try {
    const { buffer, bytesRead } = await handle.read(Buffer.alloc(256 * 1024), 0, 256 * 1024, 0);
    const head = buffer.subarray(0, bytesRead).toString('utf8');
    const keys = [...head.matchAll(/<(?:\w+:)?key\b[^>]*>/g)].map((m) => ({
      for: /\bfor="([^"]*)"/.exec(m[0])?.[1],
      name: /\battr\.name="([^"]*)"/.exec(m[0])?.[1],
    }));
    const has = (kind: string, name: string) => keys.some((k) => k.for === kind && k.name === name);
    return has('node', 'labels') || (has('node', 'label') && has('edge', 'type'));
  } finally {
    await handle.close();
  }
}

/** A document that cannot be read at all (broken JSON or XML) as one listed problem. */
export function documentProblem(error: unknown): FieldProblem | null {
  if (error instanceof JsonFormatError || error instanceof XmlFormatError) return { field: error.field, message: error.message };
  return null;
}
