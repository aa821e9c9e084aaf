import { z } from 'zod';
import type { Database } from '../../../db/database.js';
import { defineQueries } from '../../../db/queries.js';
import type { Caller } from '../../../http/caller.js';
import { csvOf } from '../../../http/validate.js';
import type { SliceGraph } from '../../centrality/model.js';
import { MEASURES, SliceQuery } from '../../centrality/schema.js';
import { analyseSlice } from '../../centrality/service.js';
import type { Value } from './elements.js';

const q = defineQueries('transfer', ['networkNodes', 'networkTies']);

/**
 * Exports a slice for networkx, igraph, R and Gephi: the slice (and each result asked for) as
 * /api/centrality computes it, for the caller's clearance, in GraphML, GEXF or a CSV table.
 */
export async function exportNetwork(
  db: Database,
  caller: Caller,
  query: NetworkExportQuery,
): Promise<{ text: string; type: string; extension: string }> {
  const { format, sheet, measures, communities, ...params } = query;
  const analysis = await analyseSlice(db, caller, params, measures ?? [], communities);
  const results = new Map<string, Map<string, number>>();
  const put = (id: string, name: string, value: number) => {
    const row = results.get(id) ?? new Map<string, number>();
    row.set(name, value);
    results.set(id, row);
  };
  for (const [measure, scores] of analysis.scores) for (const [id, v] of scores) put(id, measure, v);
  for (const [id, c] of Object.entries(analysis.communities ?? {})) put(id, 'community', c);
  const table = await networkTable(db, caller, analysis.graph, { results, fileIds: query.network !== undefined });
  if (format === 'graphml') return { text: toGraphml(table), type: 'application/graphml+xml; charset=utf-8', extension: 'graphml' };
  if (format === 'gexf') return { text: toGexf(table), type: 'application/gexf+xml; charset=utf-8', extension: 'gexf' };
  return { text: sheet === 'nodes' ? toNodeCsv(table) : toEdgeCsv(table), type: 'text/csv; charset=utf-8', extension: `${sheet}.csv` };
}

export const NetworkExportQuery = SliceQuery.extend({
  format: z.enum(['graphml', 'gexf', 'csv'], { message: 'one of graphml, gexf, csv' }).default('graphml'),
  /** csv: the node table or the edge table. */
  sheet: z.enum(['nodes', 'edges'], { message: 'one of nodes, edges' }).default('edges'),
  measures: csvOf(MEASURES, 'measure').optional(),
  communities: z.stringbool({ error: "'true' or 'false'" }).default(false),
  weight: z.enum(['weight'], { message: "'weight' (the relationships' weight property)" }).optional(),
});
export type NetworkExportQuery = z.infer<typeof NetworkExportQuery>;

/** A slice as a researcher's tools want it: the file's ids and attributes, results as node attributes. */
export interface NetworkTable {
  directed: boolean;
  nodes: { id: string; attrs: Record<string, Value> }[];
  /** fileId: the edge id the file gave (GEXF and multigraph GraphML), written back as the edge id. */
  edges: { id: string; fileId?: string; source: string; target: string; directed: boolean; attrs: Record<string, Value> }[];
}

interface Extra {
  /** Per node id, the attributes computed on the slice (a measure's score, a community). */
  results: Map<string, Map<string, number>>;
  /** Use the ids of the file the network came from (one network: they cannot clash). */
  fileIds: boolean;
}

const parsed = (json: unknown): Record<string, Value> => (typeof json === 'string' ? (JSON.parse(json) as Record<string, Value>) : {});

/**
 * The slice's nodes and ties with what an export writes: the file's own attributes as they came
 * in, the atlas's name, kind and id beside them (where the file had no attribute of that name),
 * each tie's weight and type, and the results. The graph is undirected when every tie is.
 */
export async function networkTable(db: Database, caller: Caller, graph: SliceGraph, extra: Extra): Promise<NetworkTable> {
  const nodeRows = await db.read(q.networkNodes, { ids: graph.nodes.map((n) => n.id), allowed: caller.allowed });
  const tieRows = await db.read(q.networkTies, { ids: graph.edges.map((e) => e.id), allowed: caller.allowed });
  const nodeInfo = new Map(nodeRows.records.map((r) => [r.get('id') as string, r.toObject() as Record<string, unknown>]));
  const tieInfo = new Map(tieRows.records.map((r) => [r.get('id') as string, r.toObject() as Record<string, unknown>]));
  const exported = new Map<string, string>();
  const nodes = graph.nodes.flatMap((n) => {
    const info = nodeInfo.get(n.id);
    if (!info) return [];
    const id = extra.fileIds && typeof info.fileId === 'string' ? info.fileId : n.id;
    exported.set(n.id, id);
    const atlas: Record<string, Value> = { name: n.name, atlasId: n.id, ...(n.kind ? { kind: n.kind } : {}) };
    const results = Object.fromEntries(extra.results.get(n.id) ?? []);
    return [{ id, attrs: { ...atlas, ...parsed(info.attributes), ...results } }];
  });
  const edges = graph.edges.flatMap((e) => {
    const [source, target] = [exported.get(e.source), exported.get(e.target)];
    const info = tieInfo.get(e.id);
    if (!source || !target || !info || e.source === e.target) return [];
    const weight: Record<string, Value> = typeof e.weight === 'number' ? { weight: e.weight } : {};
    const fileId = extra.fileIds && typeof info.fileId === 'string' ? { fileId: info.fileId } : {};
    return [
      {
        id: e.id,
        ...fileId,
        source,
        target,
        directed: e.directed !== false,
        attrs: { relationship: e.type, ...parsed(info.attributes), ...weight },
      },
    ];
  });
  return { directed: edges.some((e) => e.directed), nodes, edges };
}

// ---- writers --------------------------------------------------------------------------------

type XmlType = 'boolean' | 'long' | 'double' | 'string';

/** One declared type per attribute, from every value it takes (mixed: string), as GraphML and GEXF need. */
function attributeTypes(rows: { attrs: Record<string, Value> }[]): Map<string, XmlType> {
  const types = new Map<string, XmlType>();
  for (const { attrs } of rows) {
    for (const [k, v] of Object.entries(attrs)) {
      const t: XmlType = typeof v === 'boolean' ? 'boolean' : typeof v === 'number' ? (Number.isInteger(v) ? 'long' : 'double') : 'string';
      const known = types.get(k);
      types.set(
        k,
        !known || known === t ? t : (known === 'long' && t === 'double') || (known === 'double' && t === 'long') ? 'double' : 'string',
      );
    }
  }
  return types;
}

const xml = (value: string) =>
  [...value]
    .filter((ch) => ch.charCodeAt(0) >= 0x20 || ch === '\t' || ch === '\n' || ch === '\r')
    .join('')
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replaceAll('"', '&quot;');

const valueText = (v: Value, type: XmlType | undefined) => (type === 'boolean' ? String(v).toLowerCase() : String(v));

/**
 * GraphML as networkx and igraph write it: typed <key>s (attr.name, attr.type), edgedefault for
 * the graph, and directed="false" on an undirected tie of a mixed graph.
 */
export function toGraphml(table: NetworkTable): string {
  const nodeTypes = attributeTypes(table.nodes);
  const edgeTypes = attributeTypes(table.edges);
  const keyIds = new Map<string, string>();
  const keys = [
    ...[...nodeTypes].map(([name, type], i) => keyLine(keyIds, 'node', `n${i}`, name, type)),
    ...[...edgeTypes].map(([name, type], i) => keyLine(keyIds, 'edge', `e${i}`, name, type)),
  ];
  const data = (kind: string, attrs: Record<string, Value>, types: Map<string, XmlType>) =>
    Object.entries(attrs)
      .map(([k, v]) => `<data key="${keyIds.get(`${kind}:${k}`)}">${xml(valueText(v, types.get(k)))}</data>`)
      .join('');
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<graphml xmlns="http://graphml.graphdrawing.org/xmlns">',
    ...keys,
    `<graph edgedefault="${table.directed ? 'directed' : 'undirected'}">`,
    ...table.nodes.map((n) => `<node id="${xml(n.id)}">${data('node', n.attrs, nodeTypes)}</node>`),
    ...table.edges.map(
      (e) =>
        `<edge${e.fileId === undefined ? '' : ` id="${xml(e.fileId)}"`} source="${xml(e.source)}" target="${xml(e.target)}"${table.directed && !e.directed ? ' directed="false"' : ''}>${data('edge', e.attrs, edgeTypes)}</edge>`,
    ),
    '</graph>',
    '</graphml>',
    '',
  ].join('\n');
}

function keyLine(ids: Map<string, string>, kind: string, id: string, name: string, type: XmlType): string {
  ids.set(`${kind}:${name}`, id);
  return `<key id="${id}" for="${kind}" attr.name="${xml(name)}" attr.type="${type}"/>`;
}

/**
 * GEXF 1.2 as networkx writes it (and Gephi reads): declared attributes, a node's label and a
 * tie's weight as the element's own attributes, an undirected tie of a mixed graph typed as such.
 */
export function toGexf(table: NetworkTable): string {
  const own = ['label', 'weight'];
  const strip = (attrs: Record<string, Value>) => Object.fromEntries(Object.entries(attrs).filter(([k]) => !own.includes(k)));
  const nodeTypes = attributeTypes(table.nodes.map((n) => ({ attrs: strip(n.attrs) })));
  const edgeTypes = attributeTypes(table.edges.map((e) => ({ attrs: strip(e.attrs) })));
  const declare = (kind: string, types: Map<string, XmlType>) => [
    `<attributes class="${kind}" mode="static">`,
    ...[...types].map(([name, type]) => `<attribute id="${xml(name)}" title="${xml(name)}" type="${type}"/>`),
    '</attributes>',
  ];
  const values = (attrs: Record<string, Value>, types: Map<string, XmlType>) => {
    const list = Object.entries(strip(attrs)).map(([k, v]) => `<attvalue for="${xml(k)}" value="${xml(valueText(v, types.get(k)))}"/>`);
    return list.length > 0 ? `<attvalues>${list.join('')}</attvalues>` : '';
  };
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<gexf xmlns="http://www.gexf.net/1.2draft" version="1.2">',
    '<meta><creator>Stakeholder Atlas</creator></meta>',
    `<graph defaultedgetype="${table.directed ? 'directed' : 'undirected'}" mode="static">`,
    ...declare('node', nodeTypes),
    ...declare('edge', edgeTypes),
    '<nodes>',
    ...table.nodes.map(
      (n) => `<node id="${xml(n.id)}" label="${xml(String(n.attrs.label ?? n.attrs.name ?? n.id))}">${values(n.attrs, nodeTypes)}</node>`,
    ),
    '</nodes>',
    '<edges>',
    ...table.edges.map((e, i) => {
      const weight = typeof e.attrs.weight === 'number' ? ` weight="${e.attrs.weight}"` : '';
      const type = table.directed && !e.directed ? ' type="undirected"' : '';
      const label = e.attrs.label === undefined ? '' : ` label="${xml(String(e.attrs.label))}"`;
      return `<edge id="${xml(e.fileId ?? String(i))}" source="${xml(e.source)}" target="${xml(e.target)}"${type}${weight}${label}>${values(e.attrs, edgeTypes)}</edge>`;
    }),
    '</edges>',
    '</graph>',
    '</gexf>',
    '',
  ].join('\n');
}

const csvCell = (value: Value | undefined) => {
  const text = value === undefined ? '' : String(value);
  return /[",\r\n]|^\s|\s$/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
};
const csvLines = (header: string[], rows: (Value | undefined)[][]) =>
  [header, ...rows]
    .map((cells) => cells.map(csvCell).join(','))
    .join('\r\n')
    .concat('\r\n');

/** Gephi's node table (Id first, as R's graph_from_data_frame wants the vertex names), one column per attribute. */
export function toNodeCsv(table: NetworkTable): string {
  const columns = [...attributeTypes(table.nodes).keys()];
  return csvLines(
    ['Id', ...columns],
    table.nodes.map((n) => [n.id, ...columns.map((c) => n.attrs[c])]),
  );
}

/** Gephi's edge table: Source, Target, Type (Directed/Undirected), then one column per attribute. */
export function toEdgeCsv(table: NetworkTable): string {
  const columns = [...attributeTypes(table.edges).keys()];
  return csvLines(
    ['Source', 'Target', 'Type', ...columns],
    table.edges.map((e) => [e.source, e.target, e.directed ? 'Directed' : 'Undirected', ...columns.map((c) => e.attrs[c])]),
  );
}
