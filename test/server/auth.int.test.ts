import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../server/src/app.js';
import type { Database } from '../../server/src/db/database.js';
import { hashPassword } from '../../server/src/features/auth/passwords.js';
import { createUser } from '../../server/src/features/auth/repository.js';
import { freshSeededDatabase, testDatabase } from '../support/neo4j.js';

const SECRET = 'test-session-secret-that-is-long-enough-0123456789';
const PASSWORD = 'correct horse battery staple';
const LOCAL_LINK = 'one-time-local-link-secret';

let db: Database;
let app: ReturnType<typeof createApp>;

const sessionCookie = (res: request.Response): string => {
  const cookies = ([] as string[]).concat(res.headers['set-cookie'] ?? []);
  const cookie = cookies.find((c) => c.startsWith('atlas_session='));
  if (!cookie) throw new Error('no session cookie set');
  return cookie;
};
/** What a browser adds to a request from the app's own page. */
const SAME_ORIGIN = { 'Sec-Fetch-Site': 'same-origin' };
const cookiePair = (setCookie: string) => setCookie.split(';')[0] as string;

async function login(username: string, password = PASSWORD): Promise<string> {
  const res = await request(app).post('/api/auth/login').send({ username, password }).expect(200);
  return cookiePair(sessionCookie(res));
}

function expectProblem(res: request.Response, status: number, code?: string) {
  expect(res.status).toBe(status);
  expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
  if (code) expect(res.body.type).toMatch(new RegExp(`/problems/${code}$`));
}

beforeAll(async () => {
  db = testDatabase();
  await freshSeededDatabase(db);
  const passwordHash = await hashPassword(PASSWORD);
  await createUser(db, { username: 'ada', passwordHash, role: 'admin', clearance: 'RED' });
  await createUser(db, { username: 'eve', passwordHash, role: 'editor', clearance: 'AMBER' });
  await createUser(db, { username: 'vic', passwordHash, role: 'viewer', clearance: 'GREEN' });
  app = createApp({
    db,
    clearance: 'RED',
    auth: { sessionSecret: SECRET, localAdminToken: LOCAL_LINK, loginLimit: { max: 8, windowMs: 60_000 } },
  });
});

afterAll(async () => {
  await db?.close();
});

describe('with auth configured', () => {
  it('refuses API requests without a session or token, but not health', async () => {
    expectProblem(await request(app).get('/api/graph'), 401, 'unauthenticated');
    expectProblem(await request(app).get('/api/actors/search').query({ q: 'WANEP' }), 401, 'unauthenticated');
    await request(app).get('/api/health').expect(200);
  });

  it('signs in with the right password and sets a HttpOnly, SameSite=Strict session cookie', async () => {
    const res = await request(app).post('/api/auth/login').send({ username: 'vic', password: PASSWORD }).expect(200);
    expect(res.body.user).toMatchObject({ username: 'vic', role: 'viewer', clearance: 'GREEN' });
    expect(res.body.user).not.toHaveProperty('passwordHash');
    const cookie = sessionCookie(res);
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Strict/i);
    expect(cookie).not.toMatch(/Secure/i); // plain http here; Secure when the request came over https
    const me = await request(app).get('/api/auth/me').set('Cookie', cookiePair(cookie)).expect(200);
    expect(me.body).toMatchObject({ user: { username: 'vic', role: 'viewer' }, clearance: 'GREEN' });
  });

  it('marks the cookie Secure when the request came over https (behind a trusted proxy)', async () => {
    const proxied = createApp({ db, clearance: 'RED', auth: { sessionSecret: SECRET } });
    proxied.set('trust proxy', 'loopback');
    const res = await request(proxied)
      .post('/api/auth/login')
      .set('X-Forwarded-Proto', 'https')
      .send({ username: 'vic', password: PASSWORD })
      .expect(200);
    expect(sessionCookie(res)).toMatch(/; Secure/i);
  });

  it('fails alike for a wrong password and an unknown user, with a generic message', async () => {
    const wrong = await request(app).post('/api/auth/login').send({ username: 'vic', password: 'not the password' });
    const unknown = await request(app).post('/api/auth/login').send({ username: 'nobody', password: 'not the password' });
    for (const res of [wrong, unknown]) {
      expectProblem(res, 401, 'invalid-credentials');
      expect(res.headers['set-cookie']).toBeUndefined();
    }
    expect(wrong.body.detail).toBe(unknown.body.detail);
  });

  it('rejects a forged or tampered cookie', async () => {
    const cookie = await login('vic');
    const [body, signature] = cookie.slice('atlas_session='.length).split('.') as [string, string];
    const payload = JSON.parse(Buffer.from(body, 'base64url').toString());
    const forged = Buffer.from(JSON.stringify({ ...payload, uid: 'someone-else' })).toString('base64url');
    expectProblem(await request(app).get('/api/graph').set('Cookie', `atlas_session=${forged}.${signature}`), 401);
    expectProblem(await request(app).get('/api/graph').set('Cookie', 'atlas_session=garbage'), 401);
  });

  it('takes the clearance from the user, which the header may lower but never raise', async () => {
    const vic = await login('vic');
    const seen = await request(app).get('/api/graph').query({ limit: 2000 }).set('Cookie', vic).expect(200);
    const levels = new Set(seen.body.nodes.map((n: { sensitivity: string }) => n.sensitivity));
    expect([...levels].every((l) => l === 'CLEAR' || l === 'GREEN')).toBe(true);
    const raised = await request(app).get('/api/auth/me').set('Cookie', vic).set('X-Atlas-Clearance', 'RED').expect(200);
    expect(raised.body.clearance).toBe('GREEN');
    const lowered = await request(app).get('/api/auth/me').set('Cookie', vic).set('X-Atlas-Clearance', 'CLEAR').expect(200);
    expect(lowered.body.clearance).toBe('CLEAR');
  });

  it('lets viewers read but not write (403 problem), and editors past the role check', async () => {
    const vic = await login('vic');
    expectProblem(await request(app).post('/api/actors').set('Cookie', vic).set(SAME_ORIGIN).send({}), 403, 'forbidden');
    expectProblem(await request(app).delete('/api/actors/actor-wanep').set('Cookie', vic).set(SAME_ORIGIN), 403, 'forbidden');
    const eve = await login('eve');
    // Past the role check the request reaches routing (404 where no write endpoint exists yet).
    const write = await request(app).delete('/api/no-such-thing').set('Cookie', eve).set(SAME_ORIGIN);
    expect(write.status).not.toBe(403);
    expect(write.status).not.toBe(401);
  });

  it('lets only admins manage users', async () => {
    const eve = await login('eve');
    expectProblem(await request(app).get('/api/users').set('Cookie', eve), 403, 'forbidden');
    expectProblem(
      await request(app)
        .post('/api/users')
        .set('Cookie', eve)
        .set(SAME_ORIGIN)
        .send({ username: 'x', password: PASSWORD, role: 'admin', clearance: 'RED' }),
      403,
    );
    const ada = await login('ada');
    const created = await request(app)
      .post('/api/users')
      .set('Cookie', ada)
      .set(SAME_ORIGIN)
      .send({ username: 'gus', password: PASSWORD, role: 'viewer', clearance: 'CLEAR' })
      .expect(201);
    expect(created.body.user).toMatchObject({ username: 'gus', role: 'viewer', clearance: 'CLEAR' });
    expect(created.body.user).not.toHaveProperty('passwordHash');
    const list = await request(app).get('/api/users').set('Cookie', ada).expect(200);
    expect(list.body.users.map((u: { username: string }) => u.username)).toEqual(['ada', 'eve', 'gus', 'vic']);
    expect(JSON.stringify(list.body)).not.toMatch(/argon2/);

    const gus = await login('gus');
    await request(app).patch(`/api/users/${created.body.user.id}`).set('Cookie', ada).set(SAME_ORIGIN).send({ role: 'editor' }).expect(200);
    expect((await request(app).get('/api/auth/me').set('Cookie', gus)).body.user.role).toBe('editor');
    await request(app).patch(`/api/users/${created.body.user.id}`).set('Cookie', ada).set(SAME_ORIGIN).send({ disabled: true }).expect(200);
    expectProblem(await request(app).get('/api/auth/me').set('Cookie', gus), 401);

    const bad = await request(app)
      .post('/api/users')
      .set('Cookie', ada)
      .set(SAME_ORIGIN)
      .send({ username: 'a b', password: 'short', role: 'boss' });
    expectProblem(bad, 400);
    expect(bad.body.errors.map((e: { field: string }) => e.field).sort()).toEqual([
      'body.clearance',
      'body.password',
      'body.role',
      'body.username',
    ]);
    expectProblem(
      await request(app)
        .post('/api/users')
        .set('Cookie', ada)
        .set(SAME_ORIGIN)
        .send({ username: 'vic', password: PASSWORD, role: 'viewer', clearance: 'CLEAR' }),
      409,
    );
    const adaId = list.body.users.find((u: { username: string }) => u.username === 'ada').id;
    expectProblem(
      await request(app).patch(`/api/users/${adaId}`).set('Cookie', ada).set(SAME_ORIGIN).send({ role: 'viewer' }),
      403,
      'forbidden',
    );
    expectProblem(
      await request(app).patch(`/api/users/${adaId}`).set('Cookie', ada).set(SAME_ORIGIN).send({ disabled: true }),
      409,
      'last-admin',
    );
    expectProblem(await request(app).patch('/api/users/user-nope').set('Cookie', ada).set(SAME_ORIGIN).send({ role: 'viewer' }), 404);
  });

  it('ends the session on logout', async () => {
    const vic = await login('vic');
    await request(app).get('/api/auth/me').set('Cookie', vic).expect(200);
    const out = await request(app).post('/api/auth/logout').set('Cookie', vic).set(SAME_ORIGIN).expect(204);
    expect(([] as string[]).concat(out.headers['set-cookie'] ?? []).join()).toMatch(/atlas_session=;/);
    expectProblem(await request(app).get('/api/auth/me').set('Cookie', vic), 401);
  });

  it('refuses cookie-authenticated writes from another site', async () => {
    const eve = await login('eve');
    const res = await request(app)
      .post('/api/auth/tokens')
      .set('Cookie', eve)
      .set(SAME_ORIGIN)
      .set('Origin', 'https://evil.example')
      .send({ name: 'x' });
    expectProblem(res, 403, 'cross-site-request');
  });

  it('authenticates scripts with API tokens shown once and stored only as a hash, until revoked', async () => {
    const eve = await login('eve');
    const created = await request(app)
      .post('/api/auth/tokens')
      .set('Cookie', eve)
      .set(SAME_ORIGIN)
      .send({ name: 'nightly import' })
      .expect(201);
    const { token, id } = created.body as { token: string; id: string };
    expect(token).toMatch(/^atlas_/);
    const stored = await db.read('MATCH (t:ApiToken {id: $id}) RETURN properties(t) AS t', { id });
    expect(JSON.stringify(stored.records[0]?.get('t'))).not.toContain(token);

    const me = await request(app).get('/api/auth/me').set('Authorization', `Bearer ${token}`).expect(200);
    expect(me.body).toMatchObject({ user: { username: 'eve', role: 'editor' }, clearance: 'AMBER' });
    const listed = await request(app).get('/api/auth/tokens').set('Authorization', `Bearer ${token}`).expect(200);
    expect(listed.body.tokens).toEqual([expect.objectContaining({ id, name: 'nightly import' })]);
    expect(JSON.stringify(listed.body)).not.toContain(token);

    expectProblem(await request(app).get('/api/graph').set('Authorization', `Bearer ${token}x`), 401);
    expectProblem(await request(app).get('/api/graph').set('Authorization', 'Bearer'), 401);
    const vic = await login('vic');
    expectProblem(await request(app).delete(`/api/auth/tokens/${id}`).set('Cookie', vic).set(SAME_ORIGIN), 404);
    await request(app).delete(`/api/auth/tokens/${id}`).set('Cookie', eve).set(SAME_ORIGIN).expect(204);
    expectProblem(await request(app).get('/api/auth/me').set('Authorization', `Bearer ${token}`), 401);
  });

  it('gives a viewer token no write access', async () => {
    const vic = await login('vic');
    const { token } = (
      await request(app).post('/api/auth/tokens').set('Cookie', vic).set(SAME_ORIGIN).send({ name: 'read-only' }).expect(201)
    ).body;
    expectProblem(await request(app).post('/api/users').set('Authorization', `Bearer ${token}`).send({}), 403);
    expectProblem(await request(app).put('/api/actors/actor-wanep').set('Authorization', `Bearer ${token}`).send({}), 403);
  });

  it('signs in the local admin through the one-time link exactly once', async () => {
    expect((await request(app).get('/').set('Accept', 'text/html')).headers.location).toBe('/login');
    const first = await request(app).get(`/?token=${LOCAL_LINK}`).expect(303);
    expect(first.headers.location).toBe('/');
    const cookie = cookiePair(sessionCookie(first));
    const me = await request(app).get('/api/auth/me').set('Cookie', cookie).expect(200);
    expect(me.body).toMatchObject({ user: { id: 'local', role: 'admin' }, clearance: 'RED' });
    const again = await request(app).get(`/?token=${LOCAL_LINK}`);
    expect(again.status).toBe(401);
    expect(again.headers['set-cookie']).toBeUndefined();
  });

  it('honours no local-admin session when the one-time link is off', async () => {
    const other = createApp({ db, clearance: 'RED', auth: { sessionSecret: SECRET } });
    const local = await request(app).get(`/?token=wrong`);
    expect(local.status).toBe(401);
    const linked = createApp({ db, clearance: 'RED', auth: { sessionSecret: SECRET, localAdminToken: 'abc' } });
    const cookie = cookiePair(sessionCookie(await request(linked).get('/?token=abc').expect(303)));
    expectProblem(await request(other).get('/api/auth/me').set('Cookie', cookie), 401);
  });

  it('signs in from the HTML form and redirects', async () => {
    const page = await request(app).get('/login').expect(200);
    expect(page.text).toContain('action="/api/auth/login"');
    const ok = await request(app)
      .post('/api/auth/login')
      .set(SAME_ORIGIN)
      .type('form')
      .send({ username: 'vic', password: PASSWORD })
      .expect(303);
    expect(ok.headers.location).toBe('/');
    sessionCookie(ok);
    const bad = await request(app)
      .post('/api/auth/login')
      .set(SAME_ORIGIN)
      .type('form')
      .send({ username: 'vic', password: 'nope' })
      .expect(303);
    expect(bad.headers.location).toBe('/login?failed');
  });

  it('limits sign-in attempts per address across API processes (429 problem)', async () => {
    const limited = createApp({ db, clearance: 'RED', auth: { sessionSecret: SECRET, loginLimit: { max: 3, windowMs: 60_000 } } });
    // An address of its own (budgets are kept in Neo4j, shared by every app on this database).
    limited.set('trust proxy', 1);
    const from = { 'X-Forwarded-For': '10.1.1.1' };
    for (let i = 0; i < 3; i++) {
      expect((await request(limited).post('/api/auth/login').set(from).send({ username: 'vic', password: 'wrong' })).status).toBe(401);
    }
    // Another app instance (process) shares the budget.
    const other = createApp({ db, clearance: 'RED', auth: { sessionSecret: SECRET, loginLimit: { max: 3, windowMs: 60_000 } } });
    other.set('trust proxy', 1);
    const blocked = await request(other).post('/api/auth/login').set(from).send({ username: 'vic', password: PASSWORD });
    expectProblem(blocked, 429, 'too-many-requests');
    expect(blocked.headers['set-cookie']).toBeUndefined();
  });
});

describe('sign-in hardening', () => {
  it('locks an account after failures spread over addresses: the right password from a 4th then fails', async () => {
    const passwordHash = await hashPassword(PASSWORD);
    await createUser(db, { username: 'lou', passwordHash, role: 'viewer', clearance: 'GREEN' });
    // Behind a proxy, as a shared install is: each X-Forwarded-For is one address with its own
    // budget of 10; only the per-account lockout sees all 30 failures.
    const proxied = createApp({ db, clearance: 'RED', auth: { sessionSecret: SECRET, loginLimit: { max: 10, windowMs: 60_000 } } });
    proxied.set('trust proxy', 1);
    for (const address of ['10.0.0.1', '10.0.0.2', '10.0.0.3']) {
      for (let i = 0; i < 10; i++) {
        const res = await request(proxied)
          .post('/api/auth/login')
          .set('X-Forwarded-For', address)
          .send({ username: 'lou', password: `wrong ${i}` });
        expect(res.status).toBeGreaterThanOrEqual(401);
      }
    }
    // Another API process, as a load balancer would pick: the lockout is in Neo4j.
    const fourth = createApp({ db, clearance: 'RED', auth: { sessionSecret: SECRET } });
    fourth.set('trust proxy', 1);
    const res = await request(fourth)
      .post('/api/auth/login')
      .set('X-Forwarded-For', '10.0.0.4')
      .send({ username: 'lou', password: PASSWORD });
    expectProblem(res, 429, 'account-locked');
    expect(res.body.detail).toMatch(/try again in \d+ seconds/);
    expect(res.headers['set-cookie']).toBeUndefined();
    // An unknown name locks alike, so the lockout tells nothing about which names exist.
    for (let i = 0; i < 5; i++)
      await request(fourth).post('/api/auth/login').set('X-Forwarded-For', '10.0.0.5').send({ username: 'nobody-here', password: 'x' });
    expectProblem(
      await request(fourth).post('/api/auth/login').set('X-Forwarded-For', '10.0.0.5').send({ username: 'nobody-here', password: 'x' }),
      429,
      'account-locked',
    );
  });

  it('refuses a cross-site form sign-in (login CSRF): no session cookie is set', async () => {
    for (const headers of [{ Origin: 'https://evil.example' }, { 'Sec-Fetch-Site': 'cross-site' }, {}]) {
      const res = await request(app).post('/api/auth/login').set(headers).type('form').send({ username: 'vic', password: PASSWORD });
      expectProblem(res, 403, 'cross-site-request');
      expect(res.headers['set-cookie']).toBeUndefined();
    }
  });

  it('refuses a cookie write without a same-origin Origin or the CSRF token (text/plain import)', async () => {
    const ada = await login('ada');
    const before = await db.read('MATCH (n) RETURN count(n) AS n');
    const body = JSON.stringify({ nodes: [{ label: 'Actor', id: 'actor-csrf', properties: { name: 'CSRF' } }], relationships: [] });
    const res = await request(app).post('/api/import').set('Cookie', ada).set('Content-Type', 'text/plain').send(body);
    expectProblem(res, 403, 'cross-site-request');
    const after = await db.read('MATCH (n) RETURN count(n) AS n');
    expect(after.records[0]?.get('n')).toBe(before.records[0]?.get('n'));
    // A client without Origin headers sends the session's token instead.
    const { csrfToken } = (await request(app).get('/api/auth/me').set('Cookie', ada).expect(200)).body;
    expect(csrfToken).toMatch(/^[\w-]{20,}$/);
    await request(app).post('/api/auth/tokens').set('Cookie', ada).set('X-CSRF-Token', csrfToken).send({ name: 'with token' }).expect(201);
    expectProblem(await request(app).post('/api/auth/tokens').set('Cookie', ada).set('X-CSRF-Token', 'forged').send({ name: 'x' }), 403);
  });

  it('tells Neo4j, APOC and GDS versions only to signed-in admins', async () => {
    const anonymous = (await request(app).get('/api/health').expect(200)).body;
    expect(anonymous.neo4j).toEqual({ reachable: true });
    const viewer = (
      await request(app)
        .get('/api/health')
        .set('Cookie', await login('vic'))
        .expect(200)
    ).body;
    expect(viewer.neo4j).toEqual({ reachable: true });
    const admin = (
      await request(app)
        .get('/api/health')
        .set('Cookie', await login('ada'))
        .expect(200)
    ).body;
    expect(admin.neo4j.version).toMatch(/^5\./);
  });

  it('ends a session for every API process on logout (kept in Neo4j): at once in its own, within the credential cache time in another', async () => {
    const other = createApp({ db, clearance: 'RED', auth: { sessionSecret: SECRET, credentialCacheMs: 300 } });
    const vic = await login('vic');
    await request(app).get('/api/auth/me').set('Cookie', vic).expect(200);
    await request(other).get('/api/auth/me').set('Cookie', vic).expect(200);
    await request(app).post('/api/auth/logout').set('Cookie', vic).expect(204);
    expectProblem(await request(app).get('/api/auth/me').set('Cookie', vic), 401);
    await new Promise((resolve) => setTimeout(resolve, 350));
    expectProblem(await request(other).get('/api/auth/me').set('Cookie', vic), 401);
  });

  it('reads a disabled account again in another API process within the credential cache time', async () => {
    const other = createApp({ db, clearance: 'RED', auth: { sessionSecret: SECRET, credentialCacheMs: 300 } });
    const created = await request(app)
      .post('/api/users')
      .set('Cookie', await login('ada'))
      .set(SAME_ORIGIN)
      .send({ username: 'kit', password: PASSWORD, role: 'viewer', clearance: 'CLEAR' })
      .expect(201);
    const kit = await login('kit');
    await request(other).get('/api/auth/me').set('Cookie', kit).expect(200);
    await request(app)
      .patch(`/api/users/${created.body.user.id}`)
      .set('Cookie', await login('ada'))
      .set(SAME_ORIGIN)
      .send({ disabled: true })
      .expect(200);
    await new Promise((resolve) => setTimeout(resolve, 350));
    expectProblem(await request(other).get('/api/auth/me').set('Cookie', kit), 401);
  });
});

describe('without auth (trusted single-user mode)', () => {
  it('treats every request as the local admin, as the other tests rely on', async () => {
    const trusted = createApp({ db, clearance: 'RED' });
    await request(trusted).get('/api/graph').expect(200);
    expectProblem(await request(trusted).get('/api/auth/me'), 404);
  });
});
