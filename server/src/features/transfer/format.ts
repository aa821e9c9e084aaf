import { NODE_LABELS, type NodeLabel } from '@atlas/seed';
import { z } from 'zod';
import type { FieldProblem } from '../../errors.js';
import { common, LABEL_SHAPES, relationshipShape } from '../entities/schema.js';

/** Where a row came from, for problems listed as `file:line:field`. */
export interface Where {
  file: string;
  line: number;
  /** For sheets: the column header each property came from, so problems name the column. */
  columns?: Record<string, string>;
  /** For documents: the element's place and id, e.g. `nodes[2](actor-x)`, so problems name it. */
  element?: string;
}

export interface NodeRow {
  kind: 'node';
  label: string;
  id: string;
  properties: Record<string, unknown>;
  where: Where;
  /** Problems the reader found while turning text into values (e.g. a number that is not one). */
  problems?: FieldProblem[];
}

export interface RelationshipRow {
  kind: 'relationship';
  type: string;
  id?: string | undefined;
  from: string;
  to: string;
  properties: Record<string, unknown>;
  where: Where;
  problems?: FieldProblem[];
}

export type Row = NodeRow | RelationshipRow;

export const FORMAT_NAME = 'stakeholder-atlas';
export const FORMAT_VERSION = 1;

export function at(where: Where, field: string): string {
  const [first = '', ...rest] = field.split('.');
  const column = where.columns?.[first];
  const name = column ? [column, ...rest].join('.') : field;
  return `${where.file}:${where.line}:${where.element ? `${where.element}.${name}` : name}`;
}

// ---- property kinds, so text formats (CSV, GraphML) can turn cells back into typed values ----

export type ValueKind = 'string' | 'number' | 'boolean' | 'array';

function kindOf(schema: z.ZodType): ValueKind {
  let s: z.ZodType = schema;
  while (s instanceof z.ZodOptional || s instanceof z.ZodNullable || s instanceof z.ZodDefault) s = s.unwrap() as z.ZodType;
  if (s instanceof z.ZodArray) return 'array';
  if (s instanceof z.ZodNumber) return 'number';
  if (s instanceof z.ZodBoolean) return 'boolean';
  return 'string';
}

const kindsOf = (shape: Record<string, z.ZodType>): Map<string, ValueKind> =>
  new Map(Object.entries(shape).map(([k, s]) => [k, kindOf(s)]));

/** Every node property of any label, with its kind (ordered: common fields first). */
export const NODE_PROPERTY_KINDS: Map<string, ValueKind> = (() => {
  const kinds = kindsOf(common);
  for (const label of NODE_LABELS) for (const [k, v] of kindsOf(LABEL_SHAPES[label as NodeLabel])) if (!kinds.has(k)) kinds.set(k, v);
  // Source.publisher is a string or a list in the seed YAML; stored, it is a string.
  kinds.set('publisher', 'string');
  return kinds;
})();

export const RELATIONSHIP_PROPERTY_KINDS: Map<string, ValueKind> = kindsOf(relationshipShape);

/**
 * A text cell as a typed value: '' is absent; lists are JSON arrays (GraphML, GEXF) or
 * '|'-separated (Kumu's multi-value convention). Unknown text is kept and left to the schema.
 */
export function fromText(kind: ValueKind | undefined, text: string): unknown {
  if (text === '') return undefined;
  switch (kind) {
    case 'number': {
      const n = Number(text);
      return text.trim() !== '' && Number.isFinite(n) ? n : text;
    }
    case 'boolean':
      return text === 'true' ? true : text === 'false' ? false : text;
    case 'array':
      if (text.startsWith('[')) {
        try {
          return JSON.parse(text);
        } catch {
          return text;
        }
      }
      return text.split('|');
    default:
      return text;
  }
}

/** A typed value as a text cell (lists as JSON, or '|'-joined for Kumu). */
export function toText(value: unknown, lists: 'json' | 'pipes'): string {
  if (value === undefined || value === null) return '';
  if (Array.isArray(value)) return lists === 'json' ? JSON.stringify(value) : value.join('|');
  return String(value);
}

/**
 * The parallel lists sourceIds/quotes: a Kumu cell cannot tell [] from [''], so an empty
 * quotes cell beside n source ids means n empty quotes.
 */
export function alignQuotes(properties: Record<string, unknown>): void {
  const ids = properties.sourceIds;
  if (Array.isArray(ids) && properties.quotes === undefined && ids.length > 0) properties.quotes = ids.map(() => '');
  if (
    Array.isArray(ids) &&
    Array.isArray(properties.quotes) &&
    properties.quotes.length === 1 &&
    properties.quotes[0] === '' &&
    ids.length > 1
  ) {
    properties.quotes = ids.map(() => '');
  }
}
