// The API reference documents what each operation answers (reference/responses.ts): real answers
// on the seed graph, success and problem alike, validate against the schema the served
// /api/openapi.json documents for their route (JSON Schema 2020-12, checked with Ajv).
import { Ajv2020 } from 'ajv/dist/2020.js';
import type { Express } from 'express';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../server/src/db/database.js';
import { openApiPath } from '../../server/src/features/reference/openapi.js';
import { OPERATIONS } from '../../server/src/features/reference/operations.js';
import { openTestApp } from '../support/app.js';

let db: Database;
let app: Express;
// biome-ignore lint/suspicious/noExplicitAny: the OpenAPI document is plain JSON.
let doc: any;
const ajv = new Ajv2020({ strict: false, allErrors: true });

beforeAll(async () => {
  ({ db, app } = await openTestApp({ seeded: true }));
  doc = (await request(app).get('/api/openapi.json').expect(200)).body;
  ajv.addSchema({ ...doc.components.schemas.Problem, $id: 'problem' });
}, 600_000);

afterAll(async () => {
  await db?.close();
});

/** Validates an answer against what the document says `method path` answers with its status. */
function expectDocumented(method: string, path: string, res: request.Response): void {
  const response =
    doc.paths[openApiPath(path)]?.[method]?.responses?.[String(res.status)] ?? doc.paths[openApiPath(path)]?.[method]?.responses?.default;
  expect(response, `${method} ${path} documents status ${res.status}`).toBeDefined();
  const [type, media] = Object.entries(response.content ?? {})[0] ?? [];
  if (res.status === 204) {
    expect(res.text ?? '').toBe('');
    return;
  }
  expect(res.headers['content-type']).toContain(type);
  const schema = (media as { schema?: object } | undefined)?.schema;
  if (!schema) return;
  const validate = '$ref' in schema ? ajv.getSchema('problem') : ajv.compile(schema);
  const valid = validate?.(res.body);
  expect(valid, `${method} ${path} ${res.status}: ${ajv.errorsText(validate?.errors)}`).toBe(true);
}

describe('documented responses', () => {
  it('every operation documents its success answer, and its errors as problem documents', () => {
    for (const op of OPERATIONS) {
      const responses = doc.paths[openApiPath(op.path)][op.method].responses;
      const success = Object.keys(responses).filter((status) => status.startsWith('2'));
      expect(success, `${op.method} ${op.path}`).toHaveLength(1);
      const body = responses[success[0] as string];
      if (success[0] !== '204') expect(body.content, `${op.method} ${op.path}`).toBeDefined();
      // Not vacuous: an empty object is not a graph, nor a problem.
      const graph = doc.paths['/api/graph'].get.responses['200'].content['application/json'].schema;
      expect(ajv.compile(graph)({})).toBe(false);
      expect(ajv.getSchema('problem')?.({ title: 'x' })).toBe(false);
      for (const status of ['400', '404', 'default']) {
        expect(responses[status].content['application/problem+json'].schema).toEqual({ $ref: '#/components/schemas/Problem' });
      }
    }
  });

  const samples: Array<[string, string, string]> = [
    ['get', '/api/health', '/api/health'],
    ['get', '/api/health/live', '/api/health/live'],
    ['get', '/api/auth/me', '/api/auth/me'],
    ['get', '/api/actors/search', '/api/actors/search?q=WANEP'],
    ['get', '/api/actors/:id', '/api/actors/actor-wanep'],
    ['get', '/api/actors/:id', '/api/actors/actor-no-such-one'],
    ['get', '/api/graph', '/api/graph?limit=100'],
    ['get', '/api/paths', '/api/paths?from=actor-wanep&to=actor-pbc&mode=k-shortest&k=2'],
    ['get', '/api/paths', '/api/paths?from=actor-wanep'],
    ['get', '/api/centrality', '/api/centrality?measure=betweenness&engine=in-process&top=5'],
    ['get', '/api/centrality/communities', '/api/centrality/communities?engine=in-process'],
    ['get', '/api/centrality/structure', '/api/centrality/structure'],
    ['get', '/api/responders', '/api/responders?threat=threat-election-related-violence&region=region-west-africa'],
    ['get', '/api/gaps', '/api/gaps?region=region-west-africa'],
    ['get', '/api/coverage', '/api/coverage?level=subregion'],
    ['get', '/api/completeness', '/api/completeness?region=region-west-africa'],
    ['get', '/api/entities/:label/:id', '/api/entities/Actor/actor-wanep'],
    ['get', '/api/entities/:label/:id/history', '/api/entities/Actor/actor-wanep/history'],
    ['get', '/api/audit', '/api/audit'],
    ['get', '/api/documents', '/api/documents'],
    ['get', '/api/openapi.json', '/api/openapi.json'],
  ];
  for (const [method, path, url] of samples) {
    it(`${url} answers as documented`, async () => {
      expectDocumented(method, path, await request(app).get(url));
    });
  }

  it('writes answer as documented: create, update, relationship, history, delete', async () => {
    const node = await request(app)
      .post('/api/entities/Actor')
      .send({ name: 'Reference probe', kind: 'civil-society', level: 'local', description: 'd', sensitivity: 'CLEAR' });
    expectDocumented('post', '/api/entities/:label', node);
    const id = node.body.id as string;
    const patched = await request(app)
      .patch(`/api/entities/Actor/${id}`)
      .send({ version: 1, properties: { description: 'e' } });
    expectDocumented('patch', '/api/entities/:label/:id', patched);
    const tie = await request(app)
      .post('/api/relationships')
      .send({ type: 'SUPPORTS', from: id, to: 'actor-wanep', properties: { sensitivity: 'CLEAR' } });
    expectDocumented('post', '/api/relationships', tie);
    expectDocumented('get', '/api/relationships/:id', await request(app).get(`/api/relationships/${encodeURIComponent(tie.body.id)}`));
    expectDocumented(
      'get',
      '/api/relationships/:id/history',
      await request(app).get(`/api/relationships/${encodeURIComponent(tie.body.id)}/history`),
    );
    expectDocumented('post', '/api/entities/:label', await request(app).post('/api/entities/Actor').send({ name: '' }));
    expectDocumented('delete', '/api/entities/:label/:id', await request(app).delete(`/api/entities/Actor/${id}`));
  });

  it('an import and its undo answer as documented', async () => {
    const file = {
      format: 'stakeholder-atlas',
      version: 1,
      nodes: [
        {
          label: 'Actor',
          id: 'actor-ref-probe',
          properties: { name: 'Probe', kind: 'civil-society', level: 'local', description: 'd', sensitivity: 'CLEAR' },
        },
      ],
      relationships: [],
    };
    const imported = await request(app)
      .post('/api/import?format=json')
      .set('Content-Type', 'application/octet-stream')
      .send(Buffer.from(JSON.stringify(file)));
    expectDocumented('post', '/api/import', imported);
    expectDocumented('delete', '/api/import/:importId', await request(app).delete(`/api/import/${imported.body.importId}`));
  });
});
