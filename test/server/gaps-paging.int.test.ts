// Count-first gaps on the seed, in the real Neo4j: the pages of evidence, read one after another,
// are exactly the unpaged list (same gaps, same order, same evidence and sources), at each
// clearance and for a narrowed question; the counts are the same whatever the page.
import type { Express } from 'express';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../server/src/app.js';
import type { Database } from '../../server/src/db/database.js';
import { openTestApp } from '../support/app.js';

let db: Database;
let red: Express;
let clear: Express;

beforeAll(async () => {
  ({ db, app: red } = await openTestApp({ seeded: true }));
  clear = createApp({ db, clearance: 'CLEAR' });
});
afterAll(() => db?.close());

const PAGE = 7;

async function pagesOf(app: Express, query: Record<string, string>) {
  const whole = (
    await request(app)
      .get('/api/gaps')
      .query({ ...query, limit: 5000 })
      .expect(200)
  ).body;
  expect(whole.truncated).toBe(false);
  const paged: unknown[] = [];
  for (let offset = 0; offset < whole.total; offset += PAGE) {
    const page = (
      await request(app)
        .get('/api/gaps')
        .query({ ...query, limit: PAGE, offset })
        .expect(200)
    ).body;
    expect(page.counts).toEqual(whole.counts);
    expect(page.offset).toBe(offset);
    expect(page.truncated).toBe(offset + PAGE < whole.total);
    paged.push(...page.gaps);
  }
  return { whole, paged };
}

describe('gap pages against the unpaged list', { timeout: 180_000 }, () => {
  for (const [name, app] of [
    ['RED', () => red],
    ['CLEAR', () => clear],
  ] as const) {
    it(`every kind on the whole seed, at ${name}`, async () => {
      const { whole, paged } = await pagesOf(app(), {});
      expect(whole.total).toBe(whole.gaps.length);
      expect(whole.total).toBeGreaterThan(PAGE * 3);
      expect(paged).toEqual(whole.gaps);
    });
  }

  it('a threat in a region, two kinds', async () => {
    const { whole, paged } = await pagesOf(red, {
      threat: 'threat-armed-conflict',
      region: 'region-africa',
      kind: 'presence-without-mandate,no-funding-recorded',
    });
    expect(whole.gaps.length).toBeGreaterThan(PAGE);
    expect(paged).toEqual(whole.gaps);
  });
});
