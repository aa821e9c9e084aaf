// The heavy-query budget kept in Neo4j, written at most twice every syncEveryMs per process (issue 13).
import type { Options } from 'express-rate-limit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../server/src/db/database.js';
import { applySchema } from '../../server/src/db/schema.js';
import { Neo4jRateLimitStore } from '../../server/src/http/rateLimitStore.js';
import { resetGraph, testDatabase } from '../support/neo4j.js';

let db: Database;

beforeAll(async () => {
  db = testDatabase();
  await resetGraph(db);
  await applySchema(db);
});

afterAll(async () => {
  await db?.close();
});

const stored = async (key: string): Promise<number | null> => {
  const row = (await db.read('MATCH (c:RateLimitCounter {key: $key}) RETURN c.hits AS hits', { key })).records[0];
  return row ? Number(row.get('hits')) : null;
};

function store(prefix: string, syncEveryMs: number): Neo4jRateLimitStore {
  const s = new Neo4jRateLimitStore(db, prefix, syncEveryMs);
  s.init({ windowMs: 60_000 } as Options);
  return s;
}

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('rate-limit counters in Neo4j', () => {
  it('counts hits between writes on the count last read, and writes them with the next one', async () => {
    const a = store('heavy:', 1_000);
    const totals: number[] = [];
    for (let i = 0; i < 5; i++) totals.push((await a.increment('10.0.0.1')).totalHits);
    expect(totals).toEqual([1, 2, 3, 4, 5]);
    expect(await stored('heavy:10.0.0.1')).toBe(1);
    await pause(1_100);
    expect((await a.increment('10.0.0.1')).totalHits).toBe(6);
    expect(await stored('heavy:10.0.0.1')).toBe(6);
  });

  it('sends the write in the background past half the interval, deciding that hit on the local count', async () => {
    const a = store('ahead:', 1_000);
    expect((await a.increment('10.0.0.4')).totalHits).toBe(1);
    await pause(600);
    const b = store('ahead:', 1_000);
    expect((await b.increment('10.0.0.4')).totalHits).toBe(2); // another process's hit, written at once
    expect((await a.increment('10.0.0.4')).totalHits).toBe(2); // decided on a's count; a's write goes out now
    for (let i = 0; i < 50 && (await stored('ahead:10.0.0.4')) !== 3; i++) await pause(20);
    expect(await stored('ahead:10.0.0.4')).toBe(3);
    expect((await a.increment('10.0.0.4')).totalHits).toBe(4); // b's hit, read back by that write, now counts
  });

  it('shares one budget between processes: each sees the others’ written hits', async () => {
    const a = store('shared:', 1_000);
    const b = store('shared:', 1_000);
    await a.increment('10.0.0.2');
    await a.increment('10.0.0.2');
    expect((await b.increment('10.0.0.2')).totalHits).toBe(2);
    await pause(1_100);
    expect((await a.increment('10.0.0.2')).totalHits).toBe(4);
  });

  it('writes every hit without a sync interval (the sign-in limiter)', async () => {
    const login = store('login:', 0);
    for (let i = 0; i < 3; i++) await login.increment('10.0.0.3');
    expect(await stored('login:10.0.0.3')).toBe(3);
    await login.decrement('10.0.0.3');
    expect(await stored('login:10.0.0.3')).toBe(2);
  });
});
