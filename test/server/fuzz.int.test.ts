// Property-based fuzzing of every operation in the API reference (issue 12): requests built
// from each route's own zod schema (as JSON Schema), mixed with junk, against the real app and
// the seeded Neo4j, signed in as a RED admin. No request may get a 5xx. Bounded in time; the
// counts by status are printed.
import fc from 'fast-check';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { createApp } from '../../server/src/app.js';
import type { Database } from '../../server/src/db/database.js';
import { hashPassword } from '../../server/src/features/auth/passwords.js';
import { createApiToken, createUser } from '../../server/src/features/auth/repository.js';
import { OPERATIONS, type Operation } from '../../server/src/features/reference/operations.js';
import { freshSeededDatabase, testDatabase } from '../support/neo4j.js';

const TIME_LIMIT_MS = Number(process.env.ATLAS_FUZZ_MS ?? 45_000);

let db: Database;
let app: ReturnType<typeof createApp>;
let token: string;

beforeAll(async () => {
  db = testDatabase();
  await freshSeededDatabase(db);
  const admin = await createUser(db, {
    username: 'fuzz-admin',
    passwordHash: await hashPassword('fuzz admin password'),
    role: 'admin',
    clearance: 'RED',
  });
  token = (await createApiToken(db, admin.id, 'fuzz')).token;
  app = createApp({ db, clearance: 'RED', auth: { sessionSecret: 'f'.repeat(40) } });
});

afterAll(async () => {
  await db?.close();
});

type JsonSchema = { type?: string; enum?: unknown[]; properties?: Record<string, JsonSchema>; items?: JsonSchema; anyOf?: JsonSchema[] };

const schemaOf = (s: z.ZodType): JsonSchema =>
  z.toJSONSchema(s, { target: 'draft-2020-12', io: 'input', unrepresentable: 'any' }) as JsonSchema;

/** Values real clients send, and values attackers do. */
const NASTY = [
  '',
  ' ',
  '%',
  '%ff',
  '%E0%A4%A',
  '..%2F..',
  "' OR 1=1 //",
  '"}) DETACH DELETE n //',
  '\u0000',
  '\uD800',
  '-1',
  '0',
  '1e309',
  'NaN',
  '9007199254740993',
  'a'.repeat(5_000),
  'actor-wanep',
  'actor-ecowas',
  'region-africa',
  'threat-election-violence',
  'RED',
  'GREEN',
  '2024-02-30',
  '2026-01-01',
  '2026-01-01T00:00:00Z',
  'Actor,Region',
  'MEMBER_OF,FUNDS',
];
const text = fc.oneof(fc.constantFrom(...NASTY), fc.string({ maxLength: 40 }), fc.string({ unit: 'binary', maxLength: 20 }));
const junk = fc.oneof(
  text,
  fc.integer(),
  fc.double(),
  fc.boolean(),
  fc.constant(null),
  fc.array(text, { maxLength: 3 }),
  fc.dictionary(text, text, { maxKeys: 3 }),
);

/** A value near what the schema wants (an enum member, a number, a string) or junk. */
function valueFor(schema: JsonSchema): fc.Arbitrary<unknown> {
  const options: fc.Arbitrary<unknown>[] = [junk];
  if (schema.enum?.length)
    options.push(
      fc.constantFrom(...schema.enum),
      fc.subarray(schema.enum as unknown[], { minLength: 1 }).map((v) => v.join(',')),
    );
  if (schema.type === 'integer' || schema.type === 'number') options.push(fc.integer({ min: -5, max: 2_000 }));
  if (schema.type === 'string' || schema.type === undefined) options.push(text);
  if (schema.type === 'array' && schema.items) options.push(fc.array(valueFor(schema.items), { maxLength: 3 }));
  if (schema.type === 'object' && schema.properties) options.push(objectFor(schema));
  for (const alternative of schema.anyOf ?? []) options.push(valueFor(alternative));
  return fc.oneof(...options);
}

function objectFor(schema: JsonSchema): fc.Arbitrary<Record<string, unknown>> {
  const shape = Object.fromEntries(Object.entries(schema.properties ?? {}).map(([k, v]) => [k, valueFor(v)]));
  return fc.record(shape, { requiredKeys: [] });
}

const asQueryValue = (v: unknown): string => (typeof v === 'string' ? v : (JSON.stringify(v) ?? ''));

/** A lone surrogate cannot be percent-encoded; it goes as the broken escape it would be. */
function encodeSegment(value: string): string {
  try {
    return encodeURIComponent(value);
  } catch {
    return '%ED%A0%80';
  }
}

interface FuzzRequest {
  op: Operation;
  path: string;
  query: string;
  body: unknown;
  rawBody: string | null;
}

function requestFor(op: Operation): fc.Arbitrary<FuzzRequest> {
  const names = [...op.path.matchAll(/:(\w+)/g)].map((m) => m[1] as string);
  const paramSchema = op.params ? (schemaOf(op.params).properties ?? {}) : {};
  const segment = (name: string) =>
    fc.oneof(
      valueFor(paramSchema[name] ?? {}).map((v) => encodeSegment(asQueryValue(v))),
      fc.constantFrom('%ff', '%E0%A4%A', '%00', '..', '%2F'),
    );
  const query = op.query ? objectFor(schemaOf(op.query)) : fc.constant({});
  const body = op.body ? fc.oneof(objectFor(schemaOf(op.body)), junk) : fc.oneof(fc.constant(undefined), junk);
  return fc
    .record({
      segments: fc.tuple(...names.map(segment)),
      query,
      extra: fc.dictionary(fc.constantFrom('x', 'limit', '__proto__', 'constructor'), text, { maxKeys: 2 }),
      body,
      raw: fc.option(fc.constantFrom('{', '{"a":', 'null', '[]', '<graphml', '--x\r\n'), { freq: 5 }),
    })
    .map(({ segments, query: q, extra, body: b, raw }) => {
      let i = 0;
      const path = op.path.replace(/:(\w+)/g, () => segments[i++] as string);
      const search = new URLSearchParams();
      for (const [k, v] of Object.entries({ ...q, ...extra })) search.append(k, asQueryValue(v));
      return { op, path, query: search.toString(), body: b, rawBody: raw };
    });
}

async function send(r: FuzzRequest): Promise<request.Response> {
  const url = r.query ? `${r.path}?${r.query}` : r.path;
  const req = request(app)[r.op.method](url).set('Authorization', `Bearer ${token}`);
  if (r.rawBody !== null) return req.set('Content-Type', r.op.bodyTypes?.[2] ?? 'application/json').send(r.rawBody);
  return r.body === undefined ? req : req.set('Content-Type', 'application/json').send(JSON.stringify(r.body));
}

describe('fuzzing every route', () => {
  it(
    'never answers 5xx',
    async () => {
      const counts = new Map<number, number>();
      const failures: string[] = [];
      const details = await fc.check(
        fc.asyncProperty(fc.constantFrom(...OPERATIONS).chain(requestFor), async (r) => {
          const res = await send(r);
          counts.set(res.status, (counts.get(res.status) ?? 0) + 1);
          if (res.status >= 500)
            failures.push(
              `${r.op.method.toUpperCase()} ${r.path}?${r.query} ${JSON.stringify(r.body ?? r.rawBody)?.slice(0, 300)} → ${res.status} ${res.text.slice(0, 200)}`,
            );
          return res.status < 500;
        }),
        { numRuns: 1_000_000, interruptAfterTimeLimit: TIME_LIMIT_MS, markInterruptAsFailure: false, endOnFailure: true },
      );
      if (details.failed && failures.length === 0) failures.push(String(details.errorInstance));
      const total = [...counts.values()].reduce((a, b) => a + b, 0);
      console.log(
        `[fuzz] ${total} requests in ${TIME_LIMIT_MS / 1000} s by status: ${JSON.stringify(Object.fromEntries([...counts].sort()))}`,
      );
      expect(failures).toEqual([]);
      expect(total).toBeGreaterThan(100);
    },
    TIME_LIMIT_MS + 30_000,
  );
});
