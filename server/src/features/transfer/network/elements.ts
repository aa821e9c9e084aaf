/**
 * A researcher's network as its file says it, before any mapping onto the atlas model: nodes and
 * edges with the ids the file used and their attributes, typed as the file declared them.
 * GraphML, GEXF and CSV readers all yield these (readers.ts); mapping.ts turns them into rows.
 */
export type Value = string | number | boolean;

export interface PlainNode {
  kind: 'node';
  id: string;
  attrs: Record<string, Value>;
  line: number;
}

export interface PlainEdge {
  kind: 'edge';
  /** The file's own edge id, when it gives one (multigraphs, Gephi). */
  id?: string | undefined;
  source: string;
  target: string;
  directed: boolean;
  attrs: Record<string, Value>;
  line: number;
}

export type PlainElement = PlainNode | PlainEdge;

/** A declared attribute type (GraphML attr.type, GEXF type) as a value. */
export function typedValue(type: string | undefined, text: string): Value {
  switch ((type ?? 'string').toLowerCase()) {
    case 'int':
    case 'integer':
    case 'long':
    case 'short':
    case 'byte':
    case 'float':
    case 'double':
    case 'bigdecimal':
    case 'biginteger': {
      const n = Number(text.trim());
      return text.trim() !== '' && Number.isFinite(n) ? n : text;
    }
    case 'boolean': {
      const t = text.trim().toLowerCase();
      return t === 'true' || t === '1' ? true : t === 'false' || t === '0' ? false : text;
    }
    default:
      return text;
  }
}

/** A CSV cell, typed by its look: numbers and true/false as such, other text as text. */
export function guessedValue(text: string): Value {
  const t = text.trim();
  if (t !== '' && Number.isFinite(Number(t))) return Number(t);
  if (t === 'true' || t === 'false') return t === 'true';
  return text;
}
