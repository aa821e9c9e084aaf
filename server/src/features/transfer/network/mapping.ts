import { ACTOR_KINDS, ACTOR_LEVELS, REL_ENDPOINTS, REL_TYPES, SensitivitySchema } from '@atlas/seed';
import { z } from 'zod';
import type { Row, Where } from '../format.js';
import type { PlainEdge, PlainElement, PlainNode, Value } from './elements.js';

/** Relationship types a plain network's ties may take: those that join two actors. */
export const NETWORK_TYPES = REL_TYPES.filter((t) => REL_ENDPOINTS[t].from.includes('Actor') && REL_ENDPOINTS[t].to.includes('Actor')) as [
  (typeof REL_TYPES)[number],
  ...(typeof REL_TYPES)[number][],
];

const attribute = z.string().min(1, 'an attribute name').max(200, 'at most 200 characters');
export const NETWORK_NAME = /^[A-Za-z0-9_-]{1,60}$/;

/** The mapping's fields, none required: what a request or a saved mapping may give. */
export const MAPPING_FIELDS = {
  network: z.string().regex(NETWORK_NAME, 'letters, digits, _ and - (1 to 60); names the network and prefixes its ids').optional(),
  kind: z.enum(ACTOR_KINDS, { message: `one of ${ACTOR_KINDS.join(', ')}` }).optional(),
  level: z.enum(ACTOR_LEVELS, { message: `one of ${ACTOR_LEVELS.join(', ')}` }).optional(),
  type: z.enum(NETWORK_TYPES, { message: `one of ${NETWORK_TYPES.join(', ')}` }).optional(),
  description: z.string().min(1).max(1000).optional(),
  sensitivity: SensitivitySchema.optional(),
  /** Overrides the file's direction (GraphML edgedefault, GEXF defaultedgetype); CSV files are undirected unless this says so. */
  directed: z.boolean().optional(),
  nameAttribute: attribute.optional(),
  kindAttribute: attribute.optional(),
  levelAttribute: attribute.optional(),
  descriptionAttribute: attribute.optional(),
  typeAttribute: attribute.optional(),
  weightAttribute: attribute.optional(),
  validFromAttribute: attribute.optional(),
  validToAttribute: attribute.optional(),
};

export const PartialMapping = z.strictObject(MAPPING_FIELDS);
export type PartialMapping = z.infer<typeof PartialMapping>;

/**
 * How a plain network becomes atlas actors and ties. Every node is an Actor; the attributes
 * named here fill its fields (name, kind, level, description, validity) and each tie's type,
 * weight and validity; what no attribute gives comes from the defaults chosen for the whole file
 * (kind civil-society, level local, type DIALOGUE_WITH, a description naming the file). Every
 * attribute of the file is also kept as it was (property `attributes`), so exports give them back.
 */
export const NetworkMapping = PartialMapping.extend({
  kind: MAPPING_FIELDS.kind.default('civil-society'),
  level: MAPPING_FIELDS.level.default('local'),
  type: MAPPING_FIELDS.type.default('DIALOGUE_WITH'),
});
export type NetworkMapping = z.infer<typeof NetworkMapping>;
export type ResolvedMapping = NetworkMapping & { network: string };

/** What mapping did beyond one row per element: nodes only named by a tie, ties repeated in the file. */
export interface MappingStats {
  implicitNodes: number;
  mergedTies: number;
  directedTies: number;
  undirectedTies: number;
}

export const emptyStats = (): MappingStats => ({ implicitNodes: 0, mergedTies: 0, directedTies: 0, undirectedTies: 0 });

/**
 * A file id as part of an atlas id: letters, digits, _ and - stay; every other character becomes
 * '.' and its UTF-8 bytes in hex ("Evelyn Jefferson" -> "Evelyn.20Jefferson"), so the id is safe
 * in a URL and in every id parameter of the API, and the file id can be read back from it.
 */
export function escapeId(id: string): string {
  return [...id]
    .map((ch) =>
      /[A-Za-z0-9_-]/.test(ch) ? ch : [...Buffer.from(ch, 'utf8')].map((b) => `.${b.toString(16).toUpperCase().padStart(2, '0')}`).join(''),
    )
    .join('');
}

export const nodeIdOf = (network: string, fileId: string) => `${network}:${escapeId(fileId)}`;

/** The network name a file gives by default: its base name, reduced to the allowed characters. */
export function networkFromFile(file: string): string {
  const base = file
    .replace(/^.*[\\/]/, '')
    .replace(/\.[^.]*$/, '')
    .replace(/[^A-Za-z0-9_-]+/g, '-')
    .replace(/^-+|-+$/g, '');
  return (base || 'network').slice(0, 60);
}

/**
 * The rows of a plain network under a mapping: a node row per node (and per tie end no node
 * declared, as networkx adds it), a relationship row per tie. A tie repeated in a file without
 * edge ids (same type and ends; either order when undirected) is one tie: the first is kept
 * and the repeat counted in stats.mergedTies.
 */
export async function* mapElements(
  elements: AsyncIterable<PlainElement>,
  mapping: ResolvedMapping,
  file: string,
  stats: MappingStats = emptyStats(),
): AsyncGenerator<Row> {
  const nodes = new Set<string>();
  const ties = new Set<string>();
  for await (const element of elements) {
    if (element.kind === 'node') {
      nodes.add(element.id);
      yield nodeRow(element, mapping, file);
      continue;
    }
    for (const end of [element.source, element.target]) {
      if (end === '' || nodes.has(end)) continue;
      nodes.add(end);
      stats.implicitNodes++;
      yield nodeRow({ kind: 'node', id: end, attrs: {}, line: element.line }, mapping, file);
    }
    const row = tieRow(element, mapping, file);
    const directed = row.properties.directed === true;
    const ends = directed || element.source <= element.target ? [element.source, element.target] : [element.target, element.source];
    const key = JSON.stringify([row.type, ...ends]);
    if (element.id === undefined && ties.has(key)) {
      stats.mergedTies++;
      continue;
    }
    ties.add(key);
    if (directed) stats.directedTies++;
    else stats.undirectedTies++;
    yield row;
  }
}

/**
 * Reads the mapped attribute, or else the first default attribute present, in any case (Gephi's
 * tables say Label and Weight), from an element's attributes.
 */
function pick(attrs: Record<string, Value>, chosen: string | undefined, ...fallbacks: string[]): Value | undefined {
  if (chosen !== undefined) return attrs[chosen];
  for (const name of fallbacks) {
    const key = Object.keys(attrs).find((k) => k.toLowerCase() === name.toLowerCase());
    if (key !== undefined) return attrs[key];
  }
  return undefined;
}

const kept = (attrs: Record<string, Value>) => (Object.keys(attrs).length > 0 ? JSON.stringify(attrs) : undefined);
const text = (v: Value | undefined) => (v === undefined ? undefined : String(v));

function defined(properties: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(properties).filter(([, v]) => v !== undefined));
}

/** Problems name the file's attribute that filled a field (Where.columns), or the field itself. */
function where(file: string, line: number, element: string, mapping: ResolvedMapping): Where {
  const columns: Record<string, string> = {};
  for (const [field, key] of [
    ['name', 'nameAttribute'],
    ['kind', 'kindAttribute'],
    ['level', 'levelAttribute'],
    ['description', 'descriptionAttribute'],
    ['weight', 'weightAttribute'],
    ['validFrom', 'validFromAttribute'],
    ['validTo', 'validToAttribute'],
  ] as const) {
    const name = mapping[key];
    if (name) columns[field] = name;
  }
  return { file, line, element, columns };
}

function nodeRow(node: PlainNode, mapping: ResolvedMapping, file: string): Row {
  const a = node.attrs;
  return {
    kind: 'node',
    label: 'Actor',
    id: node.id === '' ? '' : nodeIdOf(mapping.network, node.id),
    properties: defined({
      name: text(pick(a, mapping.nameAttribute, 'label', 'name')) ?? node.id,
      kind: mapping.kindAttribute ? a[mapping.kindAttribute] : mapping.kind,
      level: mapping.levelAttribute ? a[mapping.levelAttribute] : mapping.level,
      description:
        text(pick(a, mapping.descriptionAttribute)) ??
        mapping.description ??
        `Node '${node.id}' of the network '${mapping.network}', imported from ${file}.`,
      validFrom: pick(a, mapping.validFromAttribute, 'validFrom'),
      validTo: pick(a, mapping.validToAttribute, 'validTo'),
      sensitivity: mapping.sensitivity,
      network: mapping.network,
      fileId: node.id,
      attributes: kept(a),
    }),
    where: where(file, node.line, `node(${node.id})`, mapping),
  };
}

function tieRow(edge: PlainEdge, mapping: ResolvedMapping, file: string): Row & { kind: 'relationship' } {
  const a = edge.attrs;
  const directed = mapping.directed ?? edge.directed;
  const type = text(pick(a, mapping.typeAttribute)) ?? mapping.type;
  const [from, to] = [edge.source, edge.target].map((end) => (end === '' ? '' : nodeIdOf(mapping.network, end))) as [string, string];
  const id = `${from}:${escapeId(edge.target)}:${type}${edge.id === undefined ? '' : `:${escapeId(edge.id)}`}`;
  return {
    kind: 'relationship',
    type,
    id,
    from,
    to,
    properties: defined({
      weight: pick(a, mapping.weightAttribute, 'weight'),
      directed,
      validFrom: pick(a, mapping.validFromAttribute, 'validFrom'),
      validTo: pick(a, mapping.validToAttribute, 'validTo'),
      sensitivity: mapping.sensitivity,
      network: mapping.network,
      fileId: edge.id,
      attributes: kept(a),
    }),
    where: where(file, edge.line, `edge(${edge.source}->${edge.target})`, mapping),
  };
}
