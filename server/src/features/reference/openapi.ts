import { z } from 'zod';
import { OPERATIONS, type Operation } from './operations.js';
import { Problem, RESPONSES } from './responses.js';

type JsonSchema = Record<string, unknown> & { properties?: Record<string, JsonSchema>; required?: string[] };

/**
 * Schemas as JSON Schema 2020-12 (OpenAPI 3.1's dialect): requests as the client sends them
 * (before coercion, io 'input'), responses as the server sends them (io 'output').
 */
const jsonSchema = (schema: z.ZodType, io: 'input' | 'output' = 'input'): JsonSchema => {
  const { $schema: _dialect, ...rest } = z.toJSONSchema(schema, {
    target: 'draft-2020-12',
    io,
    unrepresentable: 'any',
  }) as JsonSchema;
  return rest;
};

/** The documented success answer of an operation (responses.ts). */
export const successKey = (op: Pick<Operation, 'method' | 'path'>): string => `${op.method} ${op.path}`;

function successResponse(op: Operation) {
  const success = RESPONSES[successKey(op)];
  if (!success) throw new Error(`No documented response for ${successKey(op)} (server/src/features/reference/responses.ts)`);
  const content = success.schema
    ? { 'application/json': { schema: jsonSchema(success.schema, 'output') } }
    : success.type
      ? { [success.type]: {} }
      : undefined;
  return { [String(success.status)]: { description: success.description, ...(content ? { content } : {}) } };
}

/** /api/entities/:label/:id → /api/entities/{label}/{id} */
export const openApiPath = (expressPath: string): string => expressPath.replace(/:(\w+)/g, '{$1}');

function parametersOf(schema: z.ZodType | undefined, where: 'path' | 'query') {
  if (!schema) return [];
  const { properties = {}, required = [] } = jsonSchema(schema);
  return Object.entries(properties).map(([name, property]) => ({
    name,
    in: where,
    required: where === 'path' || required.includes(name),
    schema: property,
  }));
}

/** get /api/entities/:label/:id → getEntitiesLabelId */
const operationId = (op: Operation): string =>
  op.method +
  op.path
    .replace(/^\/api/, '')
    .split(/[/:.{}-]+/)
    .filter(Boolean)
    .map((word) => word.charAt(0).toUpperCase() + word.slice(1))
    .join('');

const PROBLEM = { $ref: '#/components/schemas/Problem' };
const problem = (description: string) => ({ description, content: { 'application/problem+json': { schema: PROBLEM } } });

function operationObject(op: Operation) {
  const bodySchema = op.body ? jsonSchema(op.body) : undefined;
  return {
    tags: [op.tag],
    summary: op.summary,
    operationId: operationId(op),
    parameters: [...parametersOf(op.params, 'path'), ...parametersOf(op.query, 'query')],
    ...(bodySchema
      ? {
          requestBody: {
            required: !op.body?.safeParse(undefined).success,
            content: Object.fromEntries((op.bodyTypes ?? ['application/json']).map((type) => [type, { schema: bodySchema }])),
          },
        }
      : {}),
    ...(op.anonymous ? { security: [] } : {}),
    responses: {
      ...successResponse(op),
      '400': problem('Invalid request: every bad field is listed in errors'),
      ...(op.anonymous ? {} : { '401': problem('Sign-in required'), '403': problem('Not allowed for your role or origin') }),
      '404': problem('Not found, or not visible at your clearance (the same answer)'),
      '429': problem('Too many requests; see Retry-After'),
      default: problem('Any other error (409 conflict, 413, 422, 503 …), always a problem document'),
    },
  };
}

/** The OpenAPI 3.1 document of the whole API, built once from the operations' zod schemas. */
export function openApiDocument(version: string) {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const op of OPERATIONS) {
    const path = openApiPath(op.path);
    paths[path] = { ...paths[path], [op.method]: operationObject(op) };
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'Stakeholder Atlas API',
      version,
      description:
        "Who is positioned to respond to which threats to peace, with every fact sourced. Every answer is filtered to the caller's clearance (TLP); X-Atlas-Clearance may lower it for one request.",
    },
    servers: [{ url: '/' }],
    security: [{ session: [] }, { token: [] }],
    paths,
    components: {
      securitySchemes: {
        session: { type: 'apiKey', in: 'cookie', name: 'atlas_session' },
        token: { type: 'http', scheme: 'bearer', description: 'An API token from POST /api/auth/tokens' },
      },
      schemas: {
        Problem: { ...jsonSchema(Problem, 'output'), description: 'RFC 9457 problem details' },
      },
    },
  };
}
