import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Express } from 'express';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../server/src/app.js';
import type { Database } from '../../server/src/db/database.js';
import { freshSeededDatabase, testDatabase } from '../support/neo4j.js';

let db: Database;
let app: Express;
let clientDir: string;
// A built app in miniature: the shell and one hashed asset, large enough to be worth compressing.
const script = `export const kinds = ${JSON.stringify(Array.from({ length: 400 }, (_, i) => ({ kind: `kind-${i}`, fill: '#1f2937' })))};\n`;

beforeAll(async () => {
  db = testDatabase();
  await freshSeededDatabase(db); // a graph worth compressing
  clientDir = mkdtempSync(path.join(tmpdir(), 'atlas-client-'));
  mkdirSync(path.join(clientDir, 'assets'));
  writeFileSync(path.join(clientDir, 'index.html'), '<!doctype html><title>Stakeholder Atlas</title><div id="root"></div>');
  writeFileSync(path.join(clientDir, 'assets', 'main-Ab12Cd34.js'), script);
  app = createApp({ db, clearance: 'RED', clientDir });
});
afterAll(async () => {
  rmSync(clientDir, { recursive: true, force: true });
  await db?.close();
});

describe('serving the web app', () => {
  it('sends hashed assets compressed and cacheable for good', async () => {
    const response = await request(app).get('/assets/main-Ab12Cd34.js').set('Accept-Encoding', 'br, gzip').expect(200);
    expect(response.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(response.headers['content-encoding']).toMatch(/^(br|gzip)$/);
    expect(response.text).toBe(script);
  });

  it('has the browser revalidate the shell, at / and at a client-side route', async () => {
    for (const url of ['/', '/some/view']) {
      const response = await request(app).get(url).expect(200);
      expect(response.headers['cache-control']).toBe('no-cache');
      expect(response.text).toContain('<div id="root">');
    }
  });

  it('sends the drawn graph compressed when the browser accepts it', async () => {
    const response = await request(app).get('/api/graph').set('Accept-Encoding', 'gzip').expect(200);
    expect(response.headers['content-encoding']).toBe('gzip');
    expect(response.body).toHaveProperty('nodes');
  });
});
