import { z } from 'zod';
import { ActorParams, NeighbourhoodQuery, SearchQuery } from '../actors/schema.js';
import { AuditQuery, HistoryQuery } from '../audit/router.js';
import { LoginBody, NewTokenBody, NewUserBody, TokenParams, UserChangesBody, UserParams } from '../auth/schema.js';
import { CentralityQuery, CommunitiesQuery, StructureQuery } from '../centrality/schema.js';
import { CompletenessQuery } from '../completeness/schema.js';
import { CoverageQuery } from '../coverage/schema.js';
import { DecisionBody, DocumentParams, ListQuery, PasteBody, ProposalParams, ProposalsQuery, UploadQuery } from '../documents/schema.js';
import { DeleteBody, EntityParams, LabelParams, NodePatchBody, RelationshipCreateBody, RelationshipParams } from '../entities/schema.js';
import { GapsQuery } from '../gaps/schema.js';
import { GraphQuery } from '../graph/schema.js';
import { PathsQuery } from '../paths/schema.js';
import { RespondersQuery } from '../responders/schema.js';
import { NetworkExportQuery } from '../transfer/network/export.js';
import { MappingParams, SaveMappingBody } from '../transfer/network/requests.js';
import { ExportQuery, ImportParams, ImportQuery } from '../transfer/router.js';

export type Method = 'get' | 'post' | 'put' | 'patch' | 'delete';

/**
 * One API operation with the very zod schemas its router parses: the OpenAPI document and the
 * fuzz test are generated from this list, and a test checks it names every Express route.
 */
export interface Operation {
  method: Method;
  /** Express form, e.g. /api/entities/:label/:id. */
  path: string;
  tag: string;
  summary: string;
  params?: z.ZodType;
  query?: z.ZodType;
  body?: z.ZodType;
  /** Content types of the body when it is not JSON (imports, form sign-in). */
  bodyTypes?: string[];
  /** Answered without sign-in. */
  anonymous?: boolean;
}

/** A node's properties depend on its label (see GET /api/openapi.json#/components); any object here. */
const NodeBody = z.record(z.string(), z.unknown()).describe("The node's properties; which ones depends on the label.");
const ImportBody = z
  .unknown()
  .describe(
    'The whole file: JSON (as exported), GraphML, GEXF or an edge-list CSV as the body; Kumu sheets as multipart parts elements/connections; a csv network as parts nodes/edges.',
  );

export const OPERATIONS: Operation[] = [
  { method: 'get', path: '/api/health', tag: 'System', summary: 'Liveness; versions only for signed-in admins', anonymous: true },
  { method: 'get', path: '/api/health/live', tag: 'System', summary: 'Liveness: the process answers', anonymous: true },
  {
    method: 'get',
    path: '/api/health/ready',
    tag: 'System',
    summary: 'Readiness: Neo4j answers and every query is planned (503 with reasons otherwise)',
    anonymous: true,
  },
  {
    method: 'get',
    path: '/metrics',
    tag: 'System',
    summary: 'Prometheus metrics (text format): from this machine (loopback) without sign-in, otherwise admins only',
  },
  { method: 'get', path: '/api/openapi.json', tag: 'System', summary: 'This API reference as OpenAPI 3.1', anonymous: true },
  { method: 'get', path: '/api/docs', tag: 'System', summary: 'This API reference as a web page', anonymous: true },
  {
    method: 'post',
    path: '/api/auth/login',
    tag: 'Sign-in',
    summary: 'Sign in; sets the session cookie',
    body: LoginBody,
    anonymous: true,
  },
  { method: 'post', path: '/api/auth/logout', tag: 'Sign-in', summary: 'Sign out; ends the session', anonymous: true },
  { method: 'get', path: '/api/auth/me', tag: 'Sign-in', summary: 'The signed-in account and effective clearance' },
  { method: 'get', path: '/api/auth/tokens', tag: 'Sign-in', summary: "The caller's API tokens (never their secrets)" },
  {
    method: 'post',
    path: '/api/auth/tokens',
    tag: 'Sign-in',
    summary: 'Create an API token (its secret is shown once)',
    body: NewTokenBody,
  },
  { method: 'delete', path: '/api/auth/tokens/:id', tag: 'Sign-in', summary: 'Revoke an API token', params: TokenParams },
  { method: 'get', path: '/api/users', tag: 'Accounts', summary: 'List accounts (admin)' },
  { method: 'post', path: '/api/users', tag: 'Accounts', summary: 'Create an account (admin)', body: NewUserBody },
  {
    method: 'patch',
    path: '/api/users/:id',
    tag: 'Accounts',
    summary: 'Change role, clearance, password or disabled (admin; never your own role or clearance)',
    params: UserParams,
    body: UserChangesBody,
  },
  {
    method: 'get',
    path: '/api/actors/search',
    tag: 'Read',
    summary: 'Full-text search over actor names, acronyms and aliases',
    query: SearchQuery,
  },
  {
    method: 'get',
    path: '/api/actors/:id',
    tag: 'Read',
    summary: 'An actor with its sources and neighbourhood',
    params: ActorParams,
    query: NeighbourhoodQuery,
  },
  { method: 'get', path: '/api/graph', tag: 'Read', summary: 'A subgraph by labels, types, region, threat, date', query: GraphQuery },
  {
    method: 'post',
    path: '/api/graph/changed',
    tag: 'System',
    summary: 'Say the graph was changed outside the API (admin): every kept answer is computed again',
  },
  {
    method: 'get',
    path: '/api/paths',
    tag: 'Analysis',
    summary: 'Shortest, k shortest or all simple paths between two actors',
    query: PathsQuery,
  },
  { method: 'get', path: '/api/centrality', tag: 'Analysis', summary: 'A centrality measure on a slice', query: CentralityQuery },
  {
    method: 'get',
    path: '/api/centrality/communities',
    tag: 'Analysis',
    summary: 'Communities (Louvain) of a slice',
    query: CommunitiesQuery,
  },
  {
    method: 'get',
    path: '/api/centrality/structure',
    tag: 'Analysis',
    summary: 'Articulation points and bridges of a slice',
    query: StructureQuery,
  },
  {
    method: 'get',
    path: '/api/responders',
    tag: 'Analysis',
    summary: 'Actors positioned to respond to a threat in a region',
    query: RespondersQuery,
  },
  { method: 'get', path: '/api/gaps', tag: 'Analysis', summary: 'Coordination gaps with their evidence', query: GapsQuery },
  {
    method: 'get',
    path: '/api/completeness',
    tag: 'Analysis',
    summary: 'What the graph does not know about a region or threat (funding, presence, quotes)',
    query: CompletenessQuery,
  },
  { method: 'get', path: '/api/documents', tag: 'Documents', summary: 'Documents visible to the caller', query: ListQuery },
  {
    method: 'post',
    path: '/api/documents',
    tag: 'Documents',
    summary: 'Bring a pasted document: a Source with its text, and proposed facts for review',
    body: PasteBody,
  },
  {
    method: 'post',
    path: '/api/documents/upload',
    tag: 'Documents',
    summary: 'Bring a file (text, Markdown, PDF, .docx) as the request body',
    query: UploadQuery,
    bodyTypes: [
      'text/plain',
      'text/markdown',
      'application/pdf',
      'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    ],
  },
  { method: 'get', path: '/api/documents/:id', tag: 'Documents', summary: 'One document with its text', params: DocumentParams },
  {
    method: 'get',
    path: '/api/documents/:id/proposals',
    tag: 'Documents',
    summary: "A document's proposed facts, each with its sentence",
    params: DocumentParams,
    query: ProposalsQuery,
  },
  {
    method: 'post',
    path: '/api/documents/:id/proposals/:proposalId/decision',
    tag: 'Documents',
    summary: 'Accept (as is or edited), merge into an existing entity, or reject a proposal',
    params: ProposalParams,
    body: DecisionBody,
  },
  { method: 'get', path: '/api/coverage', tag: 'Analysis', summary: 'Threat-by-region grid of positioned actors', query: CoverageQuery },
  { method: 'post', path: '/api/entities/:label', tag: 'Edit', summary: 'Create a node (201)', params: LabelParams, body: NodeBody },
  { method: 'get', path: '/api/entities/:label/:id', tag: 'Edit', summary: 'A node with its version (ETag)', params: EntityParams },
  {
    method: 'patch',
    path: '/api/entities/:label/:id',
    tag: 'Edit',
    summary: 'Change a node at the version read (or If-Match)',
    params: EntityParams,
    body: NodePatchBody,
  },
  {
    method: 'delete',
    path: '/api/entities/:label/:id',
    tag: 'Edit',
    summary: 'Delete a node and its relationships',
    params: EntityParams,
    body: DeleteBody,
  },
  {
    method: 'get',
    path: '/api/entities/:label/:id/history',
    tag: 'Edit',
    summary: "A node's audit history",
    params: EntityParams,
    query: HistoryQuery,
  },
  { method: 'post', path: '/api/relationships', tag: 'Edit', summary: 'Create a relationship (201)', body: RelationshipCreateBody },
  {
    method: 'get',
    path: '/api/relationships/:id',
    tag: 'Edit',
    summary: 'A relationship with its version (ETag)',
    params: RelationshipParams,
  },
  {
    method: 'patch',
    path: '/api/relationships/:id',
    tag: 'Edit',
    summary: 'Change a relationship at the version read',
    params: RelationshipParams,
    body: NodePatchBody,
  },
  {
    method: 'delete',
    path: '/api/relationships/:id',
    tag: 'Edit',
    summary: 'Delete a relationship',
    params: RelationshipParams,
    body: DeleteBody,
  },
  {
    method: 'get',
    path: '/api/relationships/:id/history',
    tag: 'Edit',
    summary: "A relationship's audit history",
    params: RelationshipParams,
    query: HistoryQuery,
  },
  { method: 'get', path: '/api/audit', tag: 'Edit', summary: 'Recent changes the caller may see, newest first', query: AuditQuery },
  { method: 'get', path: '/api/export', tag: 'Transfer', summary: 'Export as JSON, Kumu, GraphML or GEXF', query: ExportQuery },
  {
    method: 'get',
    path: '/api/export/network',
    tag: 'Transfer',
    summary:
      'Export a slice (one imported network, or any) with centrality and communities as node attributes: GraphML, GEXF or CSV for networkx, igraph, R and Gephi',
    query: NetworkExportQuery,
  },
  {
    method: 'post',
    path: '/api/import',
    tag: 'Transfer',
    summary: 'Import a file, all or nothing',
    query: ImportQuery,
    body: ImportBody,
    bodyTypes: ['application/json', 'application/graphml+xml', 'application/gexf+xml', 'text/csv', 'multipart/form-data'],
  },
  {
    method: 'post',
    path: '/api/import/dry-run',
    tag: 'Transfer',
    summary: 'Check an import and show what it would write (counts, samples, problems); writes nothing',
    query: ImportQuery,
    body: ImportBody,
    bodyTypes: ['application/json', 'application/graphml+xml', 'application/gexf+xml', 'text/csv', 'multipart/form-data'],
  },
  { method: 'get', path: '/api/import/mappings', tag: 'Transfer', summary: 'Saved import mappings: your own and shared ones' },
  {
    method: 'put',
    path: '/api/import/mappings/:name',
    tag: 'Transfer',
    summary: 'Save an import mapping under a name (per user; shared if asked)',
    params: MappingParams,
    body: SaveMappingBody,
  },
  {
    method: 'delete',
    path: '/api/import/:importId',
    tag: 'Transfer',
    summary: 'Undo what a died batched import staged',
    params: ImportParams,
  },
];
