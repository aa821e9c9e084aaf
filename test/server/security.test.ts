// Hardening that needs no database: headers, CORS, body size, rate limits, session signing.
import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { createApp } from '../../server/src/app.js';
import type { Database } from '../../server/src/db/database.js';
import { SessionSigner } from '../../server/src/features/auth/session.js';

// Every request below is answered before any query runs (404, 400, 401, 429, preflight).
const noDb = {} as Database;

describe('security headers', () => {
  it('sends a CSP that allows only this origin, nosniff, no framing, no referrer, no x-powered-by', async () => {
    const res = await request(createApp({ db: noDb, clearance: 'RED' })).get('/api/no-such-thing');
    const csp = res.headers['content-security-policy'];
    expect(csp).toMatch(/default-src 'self'/);
    expect(csp).toMatch(/script-src 'self'(;|$)/);
    expect(csp).toMatch(/connect-src 'self'/);
    expect(csp).toMatch(/frame-ancestors 'none'|frame-ancestors 'self'/);
    expect(csp).not.toMatch(/upgrade-insecure-requests/);
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['x-frame-options']).toBe('SAMEORIGIN');
    expect(res.headers['referrer-policy']).toBe('no-referrer');
    expect(res.headers['x-powered-by']).toBeUndefined();
  });
});

describe('CORS', () => {
  it('is off by default: no CORS headers for any origin', async () => {
    const app = createApp({ db: noDb, clearance: 'RED' });
    const res = await request(app)
      .options('/api/graph')
      .set('Origin', 'https://elsewhere.example')
      .set('Access-Control-Request-Method', 'GET');
    expect(res.headers['access-control-allow-origin']).toBeUndefined();
    const get = await request(app).get('/api/no-such-thing').set('Origin', 'https://elsewhere.example');
    expect(get.headers['access-control-allow-origin']).toBeUndefined();
  });

  it('answers only the listed origins when ATLAS_CORS_ORIGINS is set', async () => {
    const app = createApp({ db: noDb, clearance: 'RED', corsOrigins: ['https://partner.example'] });
    const preflight = await request(app)
      .options('/api/graph')
      .set('Origin', 'https://partner.example')
      .set('Access-Control-Request-Method', 'GET')
      .expect(204);
    expect(preflight.headers['access-control-allow-origin']).toBe('https://partner.example');
    expect(preflight.headers['access-control-allow-credentials']).toBe('true');
    expect(preflight.headers['access-control-allow-headers']).toMatch(/Authorization/);
    const other = await request(app).get('/api/no-such-thing').set('Origin', 'https://elsewhere.example');
    expect(other.headers['access-control-allow-origin']).toBeUndefined();
  });
});

describe('request limits', () => {
  it('refuses a JSON body over 1 MB with a 413 problem', async () => {
    const app = createApp({ db: noDb, clearance: 'RED' });
    const res = await request(app)
      .post('/api/no-such-thing')
      .set('Content-Type', 'application/json')
      .send(JSON.stringify({ x: 'a'.repeat(1_100_000) }));
    expect(res.status).toBe(413);
    expect(res.headers['content-type']).toMatch(/problem\+json/);
  });

  it('shares one budget per address across the heavy endpoints, then answers 429 with Retry-After', async () => {
    const app = createApp({ db: noDb, clearance: 'RED', heavyQueryLimit: { max: 3, windowMs: 60_000 } });
    // Invalid queries fail validation (400) without touching the database, but still count.
    for (const path of ['/api/paths', '/api/centrality', '/api/paths']) expect((await request(app).get(path)).status).toBe(400);
    const blocked = await request(app).get('/api/centrality');
    expect(blocked.status).toBe(429);
    expect(blocked.headers['content-type']).toMatch(/problem\+json/);
    expect(blocked.body.detail).toMatch(/try again in \d+ seconds/);
    expect(blocked.headers['retry-after']).toBeDefined();
    // Light endpoints are not limited by it.
    expect((await request(app).get('/api/actors/search')).status).toBe(400);
  });

  it('answers a request without sign-in with 401 before any query, when auth is on', async () => {
    const app = createApp({ db: noDb, clearance: 'RED', auth: { sessionSecret: 'x'.repeat(32) } });
    const res = await request(app).get('/api/graph');
    expect(res.status).toBe(401);
    expect(res.body.detail).toMatch(/POST \/api\/auth\/login/);
  });
});

describe('session cookies', () => {
  const signer = new SessionSigner('k'.repeat(40), 60_000);

  it('reads back what it signed, until it expires (logout is kept in Neo4j: auth.int.test)', () => {
    const { value, payload } = signer.issue('user-1', 1_000);
    expect(signer.read(value, 2_000)).toEqual(payload);
    expect(signer.read(value, 61_000)).toBeUndefined();
  });

  it('gives each session its own CSRF token, which another secret cannot make', () => {
    const one = signer.issue('user-1').payload;
    const two = signer.issue('user-1').payload;
    expect(signer.csrfToken(one)).not.toBe(signer.csrfToken(two));
    expect(new SessionSigner('j'.repeat(40), 60_000).csrfToken(one)).not.toBe(signer.csrfToken(one));
  });

  it('rejects another secret, a changed payload or signature, and junk', () => {
    const { value } = signer.issue('user-1', 1_000);
    expect(new SessionSigner('j'.repeat(40), 60_000).read(value, 2_000)).toBeUndefined();
    const [body, mac] = value.split('.') as [string, string];
    const changed = Buffer.from(JSON.stringify({ ...JSON.parse(Buffer.from(body, 'base64url').toString()), uid: 'admin' })).toString(
      'base64url',
    );
    expect(signer.read(`${changed}.${mac}`, 2_000)).toBeUndefined();
    expect(signer.read(`${body}.${mac.slice(0, -2)}xx`, 2_000)).toBeUndefined();
    for (const junk of ['', '.', 'abc', `${body}.`, '.abc']) expect(signer.read(junk, 2_000)).toBeUndefined();
  });
});
