import { CENTRALITY_MEASURES, COVERAGE_LEVELS, PATH_MODES, SensitivitySchema } from '@atlas/seed';
import { z } from 'zod';
import { LabelSchema, RelTypeSchema } from '../entities/schema.js';

/**
 * What each operation answers, as zod schemas the OpenAPI document is generated from
 * (openapi.ts). They follow the shapes the client reads (client/src/api/types.ts) and the
 * routers send; every object may carry more fields than listed (looseObject), so a schema names
 * what a client may rely on. Errors are the Problem below, for every operation.
 */

/** RFC 9457 problem details, as problemHandler (http/problem.ts) sends every error. */
export const Problem = z.looseObject({
  type: z.string(),
  title: z.string(),
  status: z.number().int(),
  detail: z.string().optional(),
  instance: z.string().optional(),
  requestId: z.string().optional(),
  errors: z.array(z.looseObject({ field: z.string(), message: z.string() })).optional(),
});

const Id = z.string();
const Ref = z.union([Id, z.looseObject({ id: Id, name: z.string() })]);
const Named = z.looseObject({ id: Id, name: z.string() });
const Props = z.record(z.string(), z.unknown());

const GraphNode = z.looseObject({
  id: Id,
  label: LabelSchema,
  name: z.string(),
  acronym: z.string().nullable().optional(),
  kind: z.string().nullable().optional(),
  sensitivity: SensitivitySchema,
});
const GraphEdge = z.looseObject({ id: Id, source: Id, target: Id, type: z.string(), sensitivity: SensitivitySchema });
const Graph = z.looseObject({ nodes: z.array(GraphNode), edges: z.array(GraphEdge) });
const FactSource = z.looseObject({ id: Id, title: z.string(), quote: z.string().nullable().optional() });
const Evidence = z.looseObject({ text: z.string(), relationshipIds: z.array(Id), sources: z.array(FactSource) });

const GraphResponse = Graph.extend({
  truncated: z.boolean(),
  positions: z.record(z.string(), z.looseObject({ x: z.number(), y: z.number() })).optional(),
  layoutVersion: z.string().optional(),
});
const SearchResponse = z.looseObject({
  query: z.string(),
  results: z.array(
    z.looseObject({
      id: Id,
      name: z.string(),
      acronym: z.string().nullable(),
      aliases: z.array(z.string()),
      kind: z.string(),
      score: z.number(),
    }),
  ),
});
const ActorResponse = z.looseObject({
  actor: z.looseObject({ id: Id, name: z.string(), kind: z.string(), sensitivity: SensitivitySchema, sources: z.array(FactSource) }),
  neighbourhood: Graph,
});
const PathsResponse = z.looseObject({
  from: Named,
  to: Named,
  mode: z.enum(PATH_MODES),
  paths: z.array(
    Graph.extend({
      length: z.number().int(),
      sentence: z.string(),
      steps: z.array(z.looseObject({ edgeId: Id, from: Id, to: Id, type: z.string(), text: z.string(), sources: z.array(FactSource) })),
    }),
  ),
  reason: z.string().optional(),
});
const CentralityResponse = z.looseObject({
  measure: z.enum(CENTRALITY_MEASURES),
  engine: z.string(),
  normalization: z.string(),
  estimate: z.looseObject({ samples: z.number() }).nullable(),
  graph: z.looseObject({ nodes: z.number().int(), relationships: z.number().int() }),
  results: z.array(
    z.looseObject({ id: Id, name: z.string(), label: LabelSchema, value: z.number(), normalized: z.number(), rank: z.number().int() }),
  ),
});
const CommunitiesResponse = z.looseObject({
  engine: z.string(),
  algorithm: z.string(),
  modularity: z.number(),
  communities: z.array(z.looseObject({ id: z.union([z.number(), z.string()]), size: z.number().int(), members: z.array(Id) })),
  assignments: z.record(z.string(), z.union([z.number(), z.string()])),
});
const StructureResponse = z.looseObject({
  articulationPoints: z.array(z.looseObject({ id: Id, name: z.string(), label: LabelSchema, components: z.number().int() })),
  bridges: z.array(z.looseObject({ source: Id, target: Id, type: z.string(), id: Id })),
});
const Responder = z.looseObject({
  rank: z.number().int(),
  actor: GraphNode,
  score: z.number(),
  positioned: z.boolean(),
  presenceTier: z.enum(['field', 'members', 'global', 'none']),
  breakdown: z.record(
    z.string(),
    z.looseObject({ score: z.number(), weight: z.number(), contribution: z.number(), facts: z.array(Evidence) }),
  ),
  lacks: z.array(z.string()),
});
const RespondersResponse = z.looseObject({
  threat: Ref,
  region: Ref,
  weights: z.record(z.string(), z.number()),
  responders: z.array(Responder),
});
const GapsResponse = z.looseObject({
  gaps: z.array(
    z.looseObject({
      kind: z.string(),
      actors: z.array(GraphNode),
      description: z.string(),
      evidence: z.array(Evidence),
    }),
  ),
});
const CoverageResponse = z.looseObject({
  level: z.enum(COVERAGE_LEVELS),
  threats: z.array(Named),
  regions: z.array(Named),
  cells: z.array(
    z.looseObject({
      threat: Ref,
      region: Ref,
      positioned: z.number().int(),
      affected: z.boolean(),
      gaps: z.record(z.string(), z.number()),
    }),
  ),
});
const Health = z.looseObject({
  status: z.enum(['ok', 'degraded']),
  reasons: z.array(z.string()).optional(),
  neo4j: z.looseObject({ reachable: z.boolean() }),
  centralityEngine: z.enum(['gds', 'in-process']),
});
const Status = z.looseObject({ status: z.string(), reasons: z.array(z.string()).optional() });

const NodeEntity = z.looseObject({
  label: LabelSchema,
  id: Id,
  version: z.number().int(),
  recordedAt: z.string().nullable(),
  properties: Props,
});
const RelationshipEntity = z.looseObject({
  type: RelTypeSchema,
  id: Id,
  from: Id,
  to: Id,
  version: z.number().int(),
  recordedAt: z.string().nullable(),
  properties: Props,
});
const AuditEntry = z.looseObject({
  id: Id,
  at: z.string(),
  by: z.string(),
  action: z.string(),
  kind: z.string(),
  entityId: Id,
  version: z.number().int(),
  before: Props.nullable(),
  after: Props.nullable(),
  redacted: z.array(z.enum(['before', 'after'])),
});
const History = z.looseObject({ id: Id, entries: z.array(AuditEntry) });
const User = z.looseObject({ id: Id, username: z.string(), role: z.string(), clearance: SensitivitySchema });
const Token = z.looseObject({ id: Id, name: z.string() });
const Tally = z.looseObject({ created: z.number().int(), updated: z.number().int(), unchanged: z.number().int() });
const ImportReport = z.looseObject({ importId: Id, format: z.string(), nodes: Tally, relationships: Tally });
const Document = z.looseObject({ id: Id, title: z.string() });
const Proposal = z.looseObject({ id: Id, status: z.string() });
const Counts = z.record(z.string(), z.number().int());
const DryRun = z.looseObject({
  format: z.string(),
  valid: z.boolean(),
  nodes: Counts,
  relationships: Counts,
  samples: z.looseObject({ nodes: z.array(Props), relationships: z.array(Props) }),
  problems: z.array(z.looseObject({ field: z.string(), message: z.string() })),
  truncated: z.boolean(),
});
const SavedMapping = z.looseObject({ name: z.string(), shared: z.boolean(), mapping: Props });
const Completeness = z.looseObject({}).describe('What the graph does not know, by kind (see the README, Gaps & coverage)');

/** One success answer: its status, and its body (JSON unless `type` says otherwise; none for 204). */
export interface SuccessResponse {
  status: 200 | 201 | 204;
  schema?: z.ZodType;
  type?: string;
  description: string;
}

const ok = (schema: z.ZodType, description = 'Success'): SuccessResponse => ({ status: 200, schema, description });
const created = (schema: z.ZodType): SuccessResponse => ({ status: 201, schema, description: 'Created' });
const noContent: SuccessResponse = { status: 204, description: 'Done; no body' };

/** By `${method} ${path}` of OPERATIONS; a test checks every operation has one. */
export const RESPONSES: Record<string, SuccessResponse> = {
  'get /api/health': ok(Health, 'Neo4j reachable (503 with the same body when not)'),
  'get /api/health/live': ok(Status),
  'get /api/health/ready': ok(Status, 'Ready (503 with reasons when not)'),
  'get /metrics': { status: 200, type: 'text/plain', description: 'Prometheus text exposition format' },
  'get /api/openapi.json': ok(z.looseObject({ openapi: z.string(), paths: Props }), 'This document'),
  'get /api/docs': { status: 200, type: 'text/html', description: 'The reference as a web page' },
  'post /api/auth/login': ok(z.looseObject({ user: User })),
  'post /api/auth/logout': noContent,
  'get /api/auth/me': ok(z.looseObject({ user: User, clearance: SensitivitySchema, csrfToken: z.string().optional() })),
  'get /api/auth/tokens': ok(z.looseObject({ tokens: z.array(Token) })),
  'post /api/auth/tokens': created(Token.extend({ token: z.string().describe('The secret, shown this once') })),
  'delete /api/auth/tokens/:id': noContent,
  'get /api/users': ok(z.looseObject({ users: z.array(User) })),
  'post /api/users': created(z.looseObject({ user: User })),
  'patch /api/users/:id': ok(z.looseObject({ user: User })),
  'get /api/actors/search': ok(SearchResponse),
  'get /api/actors/:id': ok(ActorResponse),
  'get /api/graph': ok(GraphResponse),
  'post /api/graph/changed': noContent,
  'get /api/paths': ok(PathsResponse),
  'get /api/centrality': ok(CentralityResponse),
  'get /api/centrality/communities': ok(CommunitiesResponse),
  'get /api/centrality/structure': ok(StructureResponse),
  'get /api/responders': ok(RespondersResponse),
  'get /api/gaps': ok(GapsResponse),
  'get /api/completeness': ok(Completeness),
  'get /api/documents': ok(z.looseObject({ documents: z.array(Document) })),
  'post /api/documents': created(z.looseObject({ duplicate: z.boolean(), document: Document.extend({ sourceId: Id }) })),
  'post /api/documents/upload': created(z.looseObject({ duplicate: z.boolean(), document: Document.extend({ sourceId: Id }) })),
  'get /api/documents/:id': ok(Document.extend({ text: z.string() })),
  'get /api/documents/:id/proposals': ok(z.looseObject({ proposals: z.array(Proposal) })),
  'post /api/documents/:id/proposals/:proposalId/decision': ok(Proposal),
  'get /api/coverage': ok(CoverageResponse),
  'post /api/entities/:label': created(NodeEntity),
  'get /api/entities/:label/:id': ok(NodeEntity),
  'patch /api/entities/:label/:id': ok(NodeEntity),
  'delete /api/entities/:label/:id': noContent,
  'get /api/entities/:label/:id/history': ok(History.extend({ label: LabelSchema })),
  'post /api/relationships': created(RelationshipEntity),
  'get /api/relationships/:id': ok(RelationshipEntity),
  'patch /api/relationships/:id': ok(RelationshipEntity),
  'delete /api/relationships/:id': noContent,
  'get /api/relationships/:id/history': ok(History),
  'get /api/audit': ok(z.looseObject({ entries: z.array(AuditEntry) })),
  'get /api/export': {
    status: 200,
    type: 'application/octet-stream',
    description: 'The file, in the format asked (JSON, Kumu, GraphML, GEXF)',
  },
  'get /api/export/network': {
    status: 200,
    type: 'application/octet-stream',
    description: 'The slice as GraphML, GEXF or a CSV sheet, with the measures asked as node attributes',
  },
  'post /api/import': ok(ImportReport),
  'post /api/import/dry-run': ok(DryRun, 'What the import would write, and every problem; nothing written'),
  'get /api/import/mappings': ok(z.looseObject({ mappings: z.array(SavedMapping) })),
  'put /api/import/mappings/:name': ok(SavedMapping),
  'delete /api/import/:importId': ok(z.looseObject({ importId: Id, undone: z.number().int(), kept: z.number().int() })),
};
