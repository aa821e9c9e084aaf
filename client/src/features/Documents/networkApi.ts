import { send } from './documentsApi';

/** The formats a researcher's file is read as, by its extension. */
const FORMAT_BY_EXTENSION: Record<string, 'graphml' | 'gexf' | 'edgelist'> = {
  graphml: 'graphml',
  xml: 'graphml',
  gexf: 'gexf',
  csv: 'edgelist',
};

export function networkFormatOf(fileName: string): 'graphml' | 'gexf' | 'edgelist' | null {
  return FORMAT_BY_EXTENSION[fileName.split('.').pop()?.toLowerCase() ?? ''] ?? null;
}

/** The mapping chosen in the form: one kind and one relationship type for the whole file. */
export interface NetworkChoice {
  network: string;
  kind: string;
  type: string;
}

export interface DryRun {
  valid: boolean;
  nodes: Record<string, number>;
  relationships: Record<string, number>;
  network: { implicitNodes: number; mergedTies: number; directedTies: number; undirectedTies: number } | null;
  problems: { field: string; message: string }[];
  truncated: boolean;
}

export interface ImportReport {
  importId: string;
  nodes: { created: number; updated: number; unchanged: number };
  relationships: { created: number; updated: number; unchanged: number };
}

function query(file: File, choice: NetworkChoice): string {
  const format = networkFormatOf(file.name) ?? 'graphml';
  return new URLSearchParams({ format, file: file.name, ...choice }).toString();
}

export const checkNetwork = (file: File, choice: NetworkChoice) =>
  send<DryRun>(`/import/dry-run?${query(file, choice)}`, file, 'application/octet-stream');

export const importNetwork = (file: File, choice: NetworkChoice) =>
  send<ImportReport>(`/import?${query(file, choice)}`, file, 'application/octet-stream');
