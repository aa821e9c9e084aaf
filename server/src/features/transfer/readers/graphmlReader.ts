import type { Readable } from 'node:stream';
import { alignQuotes, fromText, NODE_PROPERTY_KINDS, RELATIONSHIP_PROPERTY_KINDS, type Row } from '../format.js';
import { readXml, XmlFormatError } from '../network/xml.js';

export { XmlFormatError };

interface Open {
  kind: 'node' | 'relationship';
  attrs: Record<string, string>;
  data: Record<string, string>;
  line: number;
}

/**
 * GraphML, streamed with a SAX parser (memory bounded by one node or edge): <key> declarations
 * name the properties; a node's label is its `label` (or Neo4j's `labels`, ':Actor') data, an
 * edge's type its `type` (or `label`) data. Lists are JSON arrays in string data.
 */
export async function* readGraphmlRows(input: Readable, file: string): AsyncGenerator<Row> {
  const keyNames = new Map<string, string>();
  let open: Open | null = null;
  let dataKey: string | null = null;
  yield* readXml<Row>(input, file, {
    open(name, attrs, line) {
      if (name === 'key' && attrs.id) keyNames.set(attrs.id, attrs['attr.name'] ?? attrs.id);
      else if (name === 'node') open = { kind: 'node', attrs, data: {}, line };
      else if (name === 'edge') open = { kind: 'relationship', attrs, data: {}, line };
      else if (name === 'data' && open && attrs.key) dataKey = keyNames.get(attrs.key) ?? attrs.key;
    },
    close(name, text, emit) {
      if (name === 'data' && open && dataKey) {
        open.data[dataKey] = text;
        dataKey = null;
      } else if ((name === 'node' || name === 'edge') && open) {
        emit(toRow(open, file));
        open = null;
      }
    },
  });
}

function toRow(open: Open, file: string): Row {
  const where = { file, line: open.line };
  if (open.kind === 'node') {
    const { label = open.data.labels?.replace(/^:/, '').split(':')[0] ?? '', labels: _labels, ...data } = open.data;
    const properties = typed(data, 'node');
    return {
      kind: 'node',
      label,
      id: String(properties.id ?? open.attrs.id ?? ''),
      properties: { id: open.attrs.id, ...properties },
      where,
    };
  }
  const { type = open.data.label ?? open.attrs.label ?? '', label: _label, ...data } = open.data;
  return {
    kind: 'relationship',
    type,
    id: (data.id as string | undefined) ?? open.attrs.id,
    from: open.attrs.source ?? '',
    to: open.attrs.target ?? '',
    properties: typed(withoutKey(data, 'id'), 'relationship'),
    where,
  };
}

const withoutKey = (data: Record<string, string>, key: string) => Object.fromEntries(Object.entries(data).filter(([k]) => k !== key));

function typed(data: Record<string, string>, kind: 'node' | 'relationship'): Record<string, unknown> {
  const kinds = kind === 'node' ? NODE_PROPERTY_KINDS : RELATIONSHIP_PROPERTY_KINDS;
  const properties: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(data)) {
    const value = fromText(kinds.get(k), v);
    if (value !== undefined) properties[k] = value;
  }
  alignQuotes(properties);
  return properties;
}
