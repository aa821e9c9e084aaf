import type { Graph } from '../api/types';
import { kindOf } from './palette';

function csvCell(value: unknown): string {
  const text = value === null || value === undefined ? '' : String(value);
  // Quote always; a leading = + - @ is neutralised so a spreadsheet never runs it as a formula.
  const safe = /^[=+\-@]/.test(text) ? `'${text}` : text;
  return `"${safe.replaceAll('"', '""')}"`;
}

function csv(header: string[], rows: unknown[][]): string {
  return [header, ...rows].map((row) => row.map(csvCell).join(',')).join('\r\n');
}

export function nodesCsv(graph: Graph): string {
  return csv(
    ['id', 'label', 'kind', 'name', 'acronym', 'sensitivity'],
    graph.nodes.map((n) => [n.id, n.label, kindOf(n), n.name, n.acronym, n.sensitivity]),
  );
}

export function edgesCsv(graph: Graph): string {
  return csv(
    ['id', 'source', 'target', 'type', 'sensitivity', 'validFrom', 'validTo'],
    graph.edges.map((e) => [e.id, e.source, e.target, e.type, e.sensitivity, e.validFrom, e.validTo]),
  );
}

const xml = (value: unknown) =>
  String(value ?? '')
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replaceAll('"', '&quot;');

const NODE_KEYS = ['label', 'kind', 'name', 'acronym', 'sensitivity'] as const;
const EDGE_KEYS = ['type', 'sensitivity', 'validFrom', 'validTo'] as const;

/** GraphML (readable by Gephi, yEd, NetworkX) of the visible subgraph. */
export function graphMl(graph: Graph): string {
  const keys = [
    ...NODE_KEYS.map((k) => `  <key id="n_${k}" for="node" attr.name="${k}" attr.type="string"/>`),
    ...EDGE_KEYS.map((k) => `  <key id="e_${k}" for="edge" attr.name="${k}" attr.type="string"/>`),
  ];
  const data = (prefix: string, entries: Array<[string, unknown]>) =>
    entries
      .filter(([, v]) => v !== null && v !== undefined && v !== '')
      .map(([k, v]) => `<data key="${prefix}_${k}">${xml(v)}</data>`)
      .join('');
  const nodes = graph.nodes.map((n) => {
    const values: Record<string, unknown> = { ...n, kind: kindOf(n) };
    return `    <node id="${xml(n.id)}">${data(
      'n',
      NODE_KEYS.map((k) => [k, values[k]]),
    )}</node>`;
  });
  const edges = graph.edges.map(
    (e) =>
      `    <edge id="${xml(e.id)}" source="${xml(e.source)}" target="${xml(e.target)}">${data(
        'e',
        EDGE_KEYS.map((k) => [k, e[k]]),
      )}</edge>`,
  );
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<graphml xmlns="http://graphml.graphdrawing.org/xmlns">',
    ...keys,
    '  <graph id="atlas" edgedefault="directed">',
    ...nodes,
    ...edges,
    '  </graph>',
    '</graphml>',
    '',
  ].join('\n');
}

/** Saves `content` as a file through a temporary link. */
export function download(name: string, content: Blob | string, type = 'text/plain'): void {
  const blob = typeof content === 'string' ? new Blob([content], { type }) : content;
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  link.click();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}
