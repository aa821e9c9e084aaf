// The API reference: generated from the routers' own zod schemas, and complete.
import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { createApp } from '../../server/src/app.js';
import type { Database } from '../../server/src/db/database.js';
import { openApiPath } from '../../server/src/features/reference/openapi.js';
import { OPERATIONS } from '../../server/src/features/reference/operations.js';
import { expressRoutes } from '../support/routes.js';

const noDb = {} as Database;
const app = createApp({ db: noDb, clearance: 'RED', auth: { sessionSecret: 'x'.repeat(40) } });

describe('OpenAPI reference', () => {
  it('lists every Express route, and nothing that is not one', async () => {
    const doc = (await request(app).get('/api/openapi.json').expect(200)).body;
    const documented = Object.entries(doc.paths as Record<string, Record<string, unknown>>).flatMap(([path, methods]) =>
      Object.keys(methods).map((m) => `${m.toUpperCase()} ${path}`),
    );
    const routes = expressRoutes(app).map((r) => openApiPath(r));
    expect(routes.length).toBeGreaterThan(30);
    expect([...new Set(documented)].sort()).toEqual([...new Set(routes)].sort());
  });

  it('is OpenAPI 3.1 with the zod constraints of each parameter', async () => {
    const doc = (await request(app).get('/api/openapi.json').expect(200)).body;
    expect(doc.openapi).toBe('3.1.0');
    const centrality = doc.paths['/api/centrality'].get;
    const measure = centrality.parameters.find((p: { name: string }) => p.name === 'measure');
    expect(measure.in).toBe('query');
    expect(measure.schema.enum).toContain('betweenness');
    const entity = doc.paths['/api/entities/{label}/{id}'].patch;
    expect(entity.parameters.map((p: { name: string }) => p.name)).toEqual(['label', 'id']);
    expect(entity.requestBody.content['application/json'].schema.required).toEqual(['properties']);
    expect(OPERATIONS.every((op) => op.summary.length > 0)).toBe(true);
  });

  it('is browsable without sign-in as a script-free page under the CSP', async () => {
    const res = await request(app).get('/api/docs').expect(200);
    expect(res.headers['content-type']).toMatch(/text\/html/);
    expect(res.headers['content-security-policy']).toMatch(/script-src 'self'/);
    expect(res.text).not.toMatch(/<script|https?:\/\/(?!stakeholder)/);
    expect(res.text).toContain('/api/entities/{label}/{id}');
  });
});
