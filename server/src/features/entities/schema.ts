import {
  ActorSchema,
  AgreementSchema,
  InitiativeSchema,
  IsoDate,
  MandateSchema,
  NODE_LABELS,
  type NodeLabel,
  PART_KINDS,
  PARTICIPATION_ROLES,
  REL_ENDPOINTS,
  REL_TYPES,
  RegionSchema,
  type RelType,
  Score01,
  SensitivitySchema,
  SourceSchema,
  ThreatSchema,
} from '@atlas/seed';
import { z } from 'zod';

/**
 * Stored-form schemas of every node label and relationship type, derived from the seed schemas
 * (seed/src/schema.ts) so the API, the importers and the seed agree on what a valid entity is.
 * The seed's `sources: [{id, quote}]` is stored as the parallel lists `sourceIds` / `quotes`.
 */

export const LabelSchema = z.enum(NODE_LABELS, { message: `one of ${NODE_LABELS.join(', ')}` });
export const RelTypeSchema = z.enum(REL_TYPES, { message: `one of ${REL_TYPES.join(', ')}` });

/** Ids are bound as parameters, never spliced; the limits keep them printable and URL-safe. */
export const EntityId = z
  .string()
  .min(1, 'an id is required')
  .max(300, 'at most 300 characters')
  .regex(/^[^\s/\\]+$/, 'no spaces or slashes');

/** Properties the server keeps itself; a client never sends them. */
export const SYSTEM_KEYS = ['version', 'recordedAt', 'aliasText'] as const;

/**
 * What a researcher's own network (GraphML, GEXF, edge lists; transfer/network) keeps on each
 * element: the network it came from, the id the file used (the stored id is an escaped form of
 * it), and the file's other attributes as one JSON object, typed, so an export gives them back.
 */
const NETWORK_FIELDS = {
  network: z.string().min(1).max(100).optional(),
  /**
   * The id a node had in the file it came from, when the atlas id differs: a network's escaped id
   * (transfer/network), or a server-made id for a caller not cleared for every level
   * (transfer/validate.ts). Any text: a file's ids may hold spaces and slashes.
   */
  fileId: z.string().min(1).max(1000).optional(),
  attributes: z.string().max(100_000).optional(),
};

export const common = {
  id: EntityId,
  name: z.string().min(1),
  sensitivity: SensitivitySchema,
  sourceIds: z.array(z.string().min(1)),
  quotes: z.array(z.string()),
  validFrom: IsoDate.optional(),
  validTo: IsoDate.optional(),
  ...NETWORK_FIELDS,
};

type Shape = Record<string, z.ZodType>;

function without(shape: Shape, keys: string[]): Shape {
  return Object.fromEntries(Object.entries(shape).filter(([k]) => !keys.includes(k)));
}

/** Stored form of one label: the seed record's fields without the ones the seed turns into edges. */
export const LABEL_SHAPES: Record<NodeLabel, Shape> = {
  Actor: { ...without(ActorSchema.shape, ['sources', 'id']), generated: z.boolean().optional() },
  Mandate: without(MandateSchema.shape, ['sources', 'id']),
  Agreement: without(AgreementSchema.shape, ['sources', 'id']),
  Initiative: without(InitiativeSchema.shape, ['sources', 'id']),
  Threat: without(ThreatSchema.shape, ['sources', 'id']),
  Region: without(RegionSchema.shape, ['sources', 'id', 'partOf']),
  Source: {
    ...without(SourceSchema.shape, ['id', 'publisher']),
    publisher: z.string().min(1).optional(),
    publishers: z.array(z.string().min(1)).optional(),
  },
};

// A seed default (e.g. aliases: []) becomes optional: the API stores what it is given.
const unwrapDefault = (s: z.ZodType): z.ZodType => (s instanceof z.ZodDefault ? (s.unwrap() as z.ZodType).optional() : s);
const isRequired = (s: z.ZodType): boolean => !s.safeParse(undefined).success;

type Props = Record<string, unknown>;

function checkCitationsAndValidity(p: Props, ctx: z.RefinementCtx): void {
  const sourceIds = p.sourceIds as string[] | undefined;
  const quotes = p.quotes as string[] | undefined;
  if (sourceIds && quotes && sourceIds.length !== quotes.length) {
    ctx.addIssue({
      code: 'custom',
      path: ['quotes'],
      message: `quotes must parallel sourceIds (${sourceIds.length} ids, ${quotes.length} quotes)`,
    });
  }
  if (typeof p.validFrom === 'string' && typeof p.validTo === 'string' && p.validTo <= p.validFrom) {
    ctx.addIssue({ code: 'custom', path: ['validTo'], message: 'validTo (exclusive) must be after validFrom' });
  }
}

function fullNodeSchema(label: NodeLabel) {
  const shape = Object.fromEntries(Object.entries({ ...LABEL_SHAPES[label], ...common }).map(([k, s]) => [k, unwrapDefault(s)]));
  return z.strictObject(shape).superRefine(checkCitationsAndValidity);
}

/** A patch: any subset of the fields; null removes an optional field. */
function patchNodeSchema(label: NodeLabel) {
  const shape = Object.fromEntries(
    Object.entries({ ...LABEL_SHAPES[label], ...common })
      .filter(([k]) => k !== 'id')
      .map(([k, s]) => {
        const base = unwrapDefault(s);
        return [k, (isRequired(base) ? base : base.nullable()).optional()];
      }),
  );
  return z.strictObject(shape);
}

export const NODE_SCHEMAS = Object.fromEntries(NODE_LABELS.map((l) => [l, fullNodeSchema(l)])) as Record<
  NodeLabel,
  ReturnType<typeof fullNodeSchema>
>;
export const NODE_PATCH_SCHEMAS = Object.fromEntries(NODE_LABELS.map((l) => [l, patchNodeSchema(l)])) as Record<
  NodeLabel,
  ReturnType<typeof patchNodeSchema>
>;

/** Fills the defaults of a new node (sensitivity CLEAR, no citations) before validation. */
export function withNodeDefaults(props: Props): Props {
  return { sensitivity: 'CLEAR', sourceIds: [], quotes: [], ...props };
}

export const relationshipShape = {
  sensitivity: SensitivitySchema,
  sourceIds: z.array(z.string().min(1)),
  quotes: z.array(z.string()),
  validFrom: IsoDate.optional(),
  validTo: IsoDate.optional(),
  confidence: Score01.optional(),
  role: z.enum(PARTICIPATION_ROLES).optional(),
  partKind: z.enum(PART_KINDS).optional(),
  frequency: z.string().min(1).optional(),
  severity: z.number().int().min(1).max(5).optional(),
  asOf: IsoDate.optional(),
  reason: z.string().min(1).optional(),
  content: z.string().min(1).optional(),
  remark: z.string().optional(),
  generated: z.boolean().optional(),
  /** A tie's strength or length (which one depends on the measure: README, centrality conventions). */
  weight: z.number().finite().optional(),
  /** false: an undirected tie, stored once, read in both directions by paths and every measure. */
  directed: z.boolean().optional(),
  ...NETWORK_FIELDS,
};

export function checkRelationshipRules(type: RelType, p: Props, ctx: z.RefinementCtx, path: (string | number)[] = []): void {
  if (type === 'PARTICIPATES_IN' && !p.role)
    ctx.addIssue({ code: 'custom', path: [...path, 'role'], message: 'PARTICIPATES_IN needs a role' });
  if (type === 'CONSTRAINED_IN' && !p.reason)
    ctx.addIssue({ code: 'custom', path: [...path, 'reason'], message: 'CONSTRAINED_IN needs a reason' });
  if (type !== 'PART_OF' && p.partKind !== undefined && p.partKind !== null)
    ctx.addIssue({ code: 'custom', path: [...path, 'partKind'], message: 'partKind is only for PART_OF' });
  if (type !== 'PARTICIPATES_IN' && p.role !== undefined && p.role !== null) {
    ctx.addIssue({ code: 'custom', path: [...path, 'role'], message: 'role is only for PARTICIPATES_IN' });
  }
}

export const RelationshipProperties = z.strictObject(relationshipShape);

export const RelationshipPropertiesPatch = z.strictObject(
  Object.fromEntries(Object.entries(relationshipShape).map(([k, s]) => [k, (isRequired(s) ? s : s.nullable()).optional()])),
);

export function withRelationshipDefaults(props: Props): Props {
  return { sensitivity: 'CLEAR', sourceIds: [], quotes: [], ...props };
}

/** A full relationship (after defaults), validated with the rules of its type (one schema per type, built once). */
const RELATIONSHIP_SCHEMAS = Object.fromEntries(
  REL_TYPES.map((type) => [
    type,
    RelationshipProperties.superRefine((p, ctx) => {
      checkCitationsAndValidity(p, ctx);
      checkRelationshipRules(type, p, ctx);
    }),
  ]),
) as Record<RelType, typeof RelationshipProperties>;

export const relationshipSchemaFor = (type: RelType) => RELATIONSHIP_SCHEMAS[type];

/** Whether a relationship of this type may join these labels (PART_OF only within one label). */
export function endpointProblem(type: RelType, fromLabel: NodeLabel, toLabel: NodeLabel): string | null {
  const allowed = REL_ENDPOINTS[type];
  if (!allowed.from.includes(fromLabel) || !allowed.to.includes(toLabel)) {
    return `${type} goes from ${allowed.from.join('|')} to ${allowed.to.join('|')}, not ${fromLabel} to ${toLabel}`;
  }
  if (type === 'PART_OF' && fromLabel !== toLabel) return `PART_OF joins two nodes of one label, not ${fromLabel} to ${toLabel}`;
  return null;
}

// ---- request schemas ------------------------------------------------------------------------

export const EntityParams = z.object({ label: LabelSchema, id: EntityId });
export const LabelParams = z.object({ label: LabelSchema });
export const RelationshipParams = z.object({ id: EntityId });

const Version = z.number().int().min(1, 'versions start at 1');

export const NodePatchBody = z.strictObject({
  version: Version.optional(),
  properties: z.record(z.string(), z.unknown()),
});

export const DeleteBody = z.strictObject({ version: Version.optional() }).optional();

export const RelationshipCreateBody = z.strictObject({
  type: RelTypeSchema,
  id: EntityId.optional(),
  from: EntityId,
  to: EntityId,
  properties: z.record(z.string(), z.unknown()).default({}),
});

export const IfMatch = z
  .string()
  .regex(/^(W\/)?"?\d+"?$/, 'If-Match must be the version number, e.g. "3"')
  .transform((s) => Number(s.replace(/\D/g, '')));
