// Operations: request ids, the JSON request log, and GET /metrics (loopback or admins).
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../server/src/app.js';
import type { Database } from '../../server/src/db/database.js';
import { hashPassword } from '../../server/src/features/auth/passwords.js';
import { createUser } from '../../server/src/features/auth/repository.js';
import { freshSeededDatabase, testDatabase } from '../support/neo4j.js';

const SECRET = 'test-session-secret-that-is-long-enough-0123456789';
const PASSWORD = 'correct horse battery staple';
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

let db: Database;
let app: ReturnType<typeof createApp>;
const lines: Array<Record<string, unknown>> = [];

beforeAll(async () => {
  db = testDatabase();
  await freshSeededDatabase(db);
  const passwordHash = await hashPassword(PASSWORD);
  await createUser(db, { username: 'ada', passwordHash, role: 'admin', clearance: 'RED' });
  await createUser(db, { username: 'vic', passwordHash, role: 'viewer', clearance: 'GREEN' });
  const destination = { write: (line: string) => void lines.push(JSON.parse(line)) };
  app = createApp({ db, clearance: 'RED', auth: { sessionSecret: SECRET }, log: { level: 'info', destination } });
  // As behind a reverse proxy on this machine: the caller's address comes from X-Forwarded-For.
  app.set('trust proxy', 'loopback');
});

afterAll(async () => {
  await db?.close();
});

async function tokenOf(username: string): Promise<string> {
  const login = await request(app).post('/api/auth/login').send({ username, password: PASSWORD }).expect(200);
  const cookie = ([] as string[]).concat(login.headers['set-cookie'] ?? []).find((c) => c.startsWith('atlas_session='));
  const created = await request(app)
    .post('/api/auth/tokens')
    .set('Cookie', String(cookie).split(';')[0] as string)
    .set('Sec-Fetch-Site', 'same-origin')
    .send({ name: 'metrics' })
    .expect(201);
  return created.body.token as string;
}

const countOf = (text: string, route: string, status: string) => {
  const line = text
    .split('\n')
    .find((l) => l.startsWith('atlas_http_requests_total{') && l.includes(`route="${route}"`) && l.includes(`status_class="${status}"`));
  return line ? Number(line.split(' ').at(-1)) : 0;
};

describe('request ids', () => {
  it('reuses a safe incoming X-Request-Id and generates a UUID otherwise', async () => {
    const kept = await request(app).get('/api/health/live').set('X-Request-Id', 'probe-42.a').expect(200);
    expect(kept.headers['x-request-id']).toBe('probe-42.a');
    const generated = await request(app).get('/api/health/live').expect(200);
    expect(generated.headers['x-request-id']).toMatch(UUID);
    const unsafe = await request(app).get('/api/health/live').set('X-Request-Id', 'a b"}\\n{"forged":1').expect(200);
    expect(unsafe.headers['x-request-id']).toMatch(UUID);
    expect(await request(app).get('/api/health/live').set('X-Request-Id', 'x'.repeat(65))).toHaveProperty(
      'headers.x-request-id',
      expect.stringMatching(UUID),
    );
  });

  it('puts the request id in problem responses', async () => {
    const res = await request(app).get('/api/graph').set('X-Request-Id', 'quote-me-1').expect(401);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(res.body.requestId).toBe('quote-me-1');
    const missing = await request(app)
      .get('/api/no-such-thing')
      .set('Authorization', `Bearer ${await tokenOf('ada')}`)
      .expect(404);
    expect(missing.body.requestId).toMatch(UUID);
    expect(missing.body.requestId).toBe(missing.headers['x-request-id']);
  });

  it('logs one JSON line per request with the route pattern, never the query, body or credentials', async () => {
    const token = await tokenOf('ada');
    lines.length = 0;
    await request(app)
      .get('/api/actors/actor-wanep?depth=1&secret=personal-value')
      .set('Authorization', `Bearer ${token}`)
      .set('X-Request-Id', 'log-check-1')
      .expect(200);
    const mine = lines.filter((l) => l.requestId === 'log-check-1');
    expect(mine).toHaveLength(1);
    expect(mine[0]).toMatchObject({
      method: 'GET',
      route: '/api/actors/:id',
      path: '/api/actors/actor-wanep',
      status: 200,
      durationMs: expect.any(Number),
    });
    const text = JSON.stringify(lines);
    expect(text).not.toContain('personal-value');
    expect(text).not.toContain(token);
    expect(text).not.toMatch(/authorization|cookie/i);
  });
});

describe('GET /metrics', () => {
  it('counts requests by route pattern for a caller on this machine', async () => {
    const before = (await request(app).get('/metrics').expect(200)).text;
    const token = await tokenOf('ada');
    await request(app).get('/api/entities/Actor/actor-wanep').set('Authorization', `Bearer ${token}`).expect(200);
    const res = await request(app).get('/metrics').expect(200);
    expect(res.headers['content-type']).toMatch(/^text\/plain/);
    expect(countOf(res.text, '/api/entities/:label/:id', '2xx')).toBe(countOf(before, '/api/entities/:label/:id', '2xx') + 1);
    expect(res.text).not.toContain('actor-wanep');
    expect(res.text).toMatch(/atlas_http_request_duration_seconds_bucket\{[^}]*route="\/api\/entities\/:label\/:id"/);
    expect(res.text).toMatch(/^atlas_neo4j_transactions_in_flight \d+$/m);
  });

  it('refuses anonymous callers and non-admins from elsewhere, and answers admins', async () => {
    const elsewhere = { 'X-Forwarded-For': '203.0.113.7' };
    const anonymous = await request(app).get('/metrics').set(elsewhere).expect(401);
    expect(anonymous.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(anonymous.text).not.toContain('atlas_http');
    await request(app)
      .get('/metrics')
      .set(elsewhere)
      .set('Authorization', `Bearer ${await tokenOf('vic')}`)
      .expect(403);
    const admin = await request(app)
      .get('/metrics')
      .set(elsewhere)
      .set('Authorization', `Bearer ${await tokenOf('ada')}`)
      .expect(200);
    expect(admin.text).toContain('atlas_http_requests_total');
  });

  it('refuses every caller from elsewhere when there are no accounts', async () => {
    const trusted = createApp({ db, clearance: 'RED' });
    await request(trusted).get('/metrics').set('X-Forwarded-For', '203.0.113.7').expect(403);
    await request(trusted).get('/metrics').expect(200);
  });
});
