import type { NodeEntity, Props, RelationshipEntity } from '../entities/model.js';
import { FORMAT_NAME, FORMAT_VERSION, NODE_PROPERTY_KINDS, RELATIONSHIP_PROPERTY_KINDS, toText, type ValueKind } from './format.js';

/**
 * A node and a relationship as exported: the editing API's entities, with the label and type as
 * read back from the database (plain strings).
 */
export type ExportNode = Omit<NodeEntity, 'label'> & { label: string };
export type ExportRelationship = Omit<RelationshipEntity, 'type'> & { type: string };

export interface ExportMeta {
  exportedAt: string;
  clearance: string;
  knownAt: string | null;
}

/** A text format written piece by piece; `write` resolves when the output has room again. */
export interface Writer {
  contentType: string;
  extension: string;
  begin(meta: ExportMeta): string;
  node(node: ExportNode): string;
  /** Between the last node and the first relationship. */
  middle(): string;
  relationship(rel: ExportRelationship): string;
  end(): string;
}

// ---- the project's own JSON --------------------------------------------------------------------

export function jsonWriter(): Writer {
  let first = true;
  const item = (value: unknown) => {
    const text = `${first ? '' : ',\n'}${JSON.stringify(value)}`;
    first = false;
    return text;
  };
  return {
    contentType: 'application/json',
    extension: 'json',
    begin: (meta) =>
      `{"format":${JSON.stringify(FORMAT_NAME)},"version":${FORMAT_VERSION},"exportedAt":${JSON.stringify(meta.exportedAt)},"clearance":${JSON.stringify(meta.clearance)},"knownAt":${JSON.stringify(meta.knownAt)},\n"nodes":[\n`,
    node: (n) => item(n),
    middle: () => {
      first = true;
      return '\n],\n"relationships":[\n';
    },
    relationship: (r) => item(r),
    end: () => '\n]}\n',
  };
}

// ---- Kumu: two sheets, one per request -----------------------------------------------------------

const csvCell = (value: string) => (/[",\r\n]|^\s|\s$/.test(value) ? `"${value.replaceAll('"', '""')}"` : value);
const csvLine = (cells: string[]) => `${cells.map(csvCell).join(',')}\r\n`;

const ELEMENT_PROPERTIES = [...NODE_PROPERTY_KINDS.keys()].filter((k) => !['id', 'name', 'description'].includes(k));
const CONNECTION_PROPERTIES = [...RELATIONSHIP_PROPERTY_KINDS.keys()];

/** Kumu's element sheet (ID, Label, Type, Description, a column per property; lists joined with |). */
export function kumuElementsWriter(): Writer {
  return {
    contentType: 'text/csv; charset=utf-8',
    extension: 'elements.csv',
    begin: () => csvLine(['ID', 'Label', 'Type', 'Description', ...ELEMENT_PROPERTIES]),
    node: (n) =>
      csvLine([
        n.id,
        toText(n.properties.name, 'pipes'),
        n.label,
        toText(n.properties.description, 'pipes'),
        ...ELEMENT_PROPERTIES.map((k) => toText(n.properties[k], 'pipes')),
      ]),
    middle: () => '',
    relationship: () => '',
    end: () => '',
  };
}

/** Kumu's connection sheet (ID, From, To, Type, Direction, a column per property). */
export function kumuConnectionsWriter(): Writer {
  return {
    contentType: 'text/csv; charset=utf-8',
    extension: 'connections.csv',
    begin: () => csvLine(['ID', 'From', 'To', 'Type', 'Direction', ...CONNECTION_PROPERTIES]),
    node: () => '',
    middle: () => '',
    relationship: (r) =>
      csvLine([r.id, r.from, r.to, r.type, 'directed', ...CONNECTION_PROPERTIES.map((k) => toText(r.properties[k], 'pipes'))]),
    end: () => '',
  };
}

// ---- XML: GraphML and GEXF -------------------------------------------------------------------------

// XML 1.0 cannot carry most control characters at all, not even escaped.
const isXmlChar = (ch: string) => {
  const code = ch.charCodeAt(0);
  return code >= 0x20 || code === 0x09 || code === 0x0a || code === 0x0d;
};

const xml = (value: string) =>
  [...value].filter(isXmlChar).join('').replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;').replaceAll('"', '&quot;');

const xmlType = (kind: ValueKind | undefined) => (kind === 'number' ? 'double' : kind === 'boolean' ? 'boolean' : 'string');

const NODE_KEYS = [...NODE_PROPERTY_KINDS.keys()].filter((k) => k !== 'id');

function dataElements(props: Props, keys: string[], prefix: string): string {
  return keys
    .filter((k) => props[k] !== undefined && props[k] !== null)
    .map((k) => `<data key="${prefix}${k}">${xml(toText(props[k], 'json'))}</data>`)
    .join('');
}

/** GraphML (yEd, Gephi, NetworkX, Neo4j's APOC): typed keys; lists as JSON strings. */
export function graphmlWriter(): Writer {
  return {
    contentType: 'application/graphml+xml; charset=utf-8',
    extension: 'graphml',
    begin: (meta) =>
      [
        '<?xml version="1.0" encoding="UTF-8"?>',
        '<graphml xmlns="http://graphml.graphdrawing.org/xmlns">',
        `<!-- stakeholder-atlas export ${xml(meta.exportedAt)}, clearance ${xml(meta.clearance)}${meta.knownAt ? `, as known at ${xml(meta.knownAt)}` : ''} -->`,
        '<key id="label" for="node" attr.name="label" attr.type="string"/>',
        ...NODE_KEYS.map((k) => `<key id="n_${k}" for="node" attr.name="${k}" attr.type="${xmlType(NODE_PROPERTY_KINDS.get(k))}"/>`),
        '<key id="type" for="edge" attr.name="type" attr.type="string"/>',
        ...CONNECTION_PROPERTIES.map(
          (k) => `<key id="e_${k}" for="edge" attr.name="${k}" attr.type="${xmlType(RELATIONSHIP_PROPERTY_KINDS.get(k))}"/>`,
        ),
        '<graph id="atlas" edgedefault="directed">',
        '',
      ].join('\n'),
    node: (n) => `<node id="${xml(n.id)}"><data key="label">${xml(n.label)}</data>${dataElements(n.properties, NODE_KEYS, 'n_')}</node>\n`,
    middle: () => '',
    relationship: (r) =>
      `<edge id="${xml(r.id)}" source="${xml(r.from)}" target="${xml(r.to)}"><data key="type">${xml(r.type)}</data>${dataElements(r.properties, CONNECTION_PROPERTIES, 'e_')}</edge>\n`,
    end: () => '</graph>\n</graphml>\n',
  };
}

function attvalues(props: Props, keys: string[]): string {
  const values = keys
    .filter((k) => props[k] !== undefined && props[k] !== null)
    .map((k) => `<attvalue for="${k}" value="${xml(toText(props[k], 'json'))}"/>`)
    .join('');
  return values ? `<attvalues>${values}</attvalues>` : '';
}

const spell = (props: Props) =>
  `${typeof props.validFrom === 'string' ? ` start="${props.validFrom}"` : ''}${typeof props.validTo === 'string' ? ` endopen="${props.validTo}"` : ''}`;

/**
 * GEXF 1.3 for Gephi: every property an attribute (lists as JSON strings); validFrom/validTo as
 * the element's spell (start, and endopen because validTo is exclusive), so Gephi's timeline
 * replays the network's history.
 */
export function gexfWriter(): Writer {
  let nodesOpen = false;
  return {
    contentType: 'application/gexf+xml; charset=utf-8',
    extension: 'gexf',
    begin: (meta) =>
      [
        '<?xml version="1.0" encoding="UTF-8"?>',
        '<gexf xmlns="http://gexf.net/1.3" version="1.3">',
        `<meta lastmodifieddate="${meta.exportedAt.slice(0, 10)}"><creator>Stakeholder Atlas</creator><description>clearance ${xml(meta.clearance)}${meta.knownAt ? `, as known at ${xml(meta.knownAt)}` : ''}</description></meta>`,
        '<graph defaultedgetype="directed" mode="dynamic" timeformat="date">',
        '<attributes class="node">',
        '<attribute id="nodeLabel" title="label" type="string"/>',
        ...NODE_KEYS.map((k) => `<attribute id="${k}" title="${k}" type="${xmlType(NODE_PROPERTY_KINDS.get(k))}"/>`),
        '</attributes>',
        '<attributes class="edge">',
        '<attribute id="type" title="type" type="string"/>',
        ...CONNECTION_PROPERTIES.map((k) => `<attribute id="${k}" title="${k}" type="${xmlType(RELATIONSHIP_PROPERTY_KINDS.get(k))}"/>`),
        '</attributes>',
        '',
      ].join('\n'),
    node: (n) => {
      const open = nodesOpen ? '' : '<nodes>\n';
      nodesOpen = true;
      return `${open}<node id="${xml(n.id)}" label="${xml(String(n.properties.name ?? n.id))}"${spell(n.properties)}>${attvalues({ ...n.properties, nodeLabel: n.label }, ['nodeLabel', ...NODE_KEYS])}</node>\n`;
    },
    middle: () => `${nodesOpen ? '' : '<nodes>\n'}</nodes>\n<edges>\n`,
    relationship: (r) =>
      `<edge id="${xml(r.id)}" source="${xml(r.from)}" target="${xml(r.to)}" label="${xml(r.type)}"${spell(r.properties)}>${attvalues({ ...r.properties, type: r.type }, ['type', ...CONNECTION_PROPERTIES])}</edge>\n`,
    end: () => '</edges>\n</graph>\n</gexf>\n',
  };
}
