// GET /api/responders ranks on the planner's kept whole-graph facts when it has them (after its
// warm-up), instead of reading the facts of the question alone. The two must give the same
// answer, to the last fact and citation: for every threat of the seed with every continent,
// sub-region and a sample of countries, at two clearances and two dates.
import { GAP_KINDS, GAP_LIMITS, readSeed, type Sensitivity } from '@atlas/seed';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../server/src/app.js';
import type { Database } from '../../server/src/db/database.js';
import { PlannerCache } from '../../server/src/features/planner/cache.js';
import { findResponders } from '../../server/src/features/responders/service.js';
import { allowedLevels, type Caller } from '../../server/src/http/caller.js';
import { today } from '../../server/src/http/validate.js';
import { freshSeededDatabase, testDatabase } from '../support/neo4j.js';

let db: Database;
let planner: PlannerCache;
let threats: string[];
let regions: string[];

beforeAll(async () => {
  db = testDatabase();
  await freshSeededDatabase(db);
  planner = new PlannerCache(db);
  const seed = await readSeed();
  threats = seed.nodes.filter((n) => n.label === 'Threat').map((n) => n.id);
  const regionNodes = seed.nodes.filter((n) => n.label === 'Region');
  const countries = regionNodes.filter((n) => n.properties.kind === 'country').map((n) => n.id);
  regions = [
    ...regionNodes.filter((n) => n.properties.kind !== 'country').map((n) => n.id),
    // Every twentieth country: the seed's named countries (Burkina Faso, Myanmar, ...) fall among
    // the continents' and sub-regions' members anyway.
    ...countries.filter((_, i) => i % 20 === 0),
    'country-bf',
    'country-mm',
  ];
}, 180_000);

afterAll(async () => {
  planner?.close();
  await db?.close();
});

const callerAt = (clearance: Sensitivity) => ({ clearance, allowed: allowedLevels(clearance), userId: 'test', role: 'viewer' }) as Caller;

describe('responders on the kept whole-graph facts', () => {
  it('equal the answers on the facts read for the question alone', async () => {
    let compared = 0;
    let nonEmpty = 0;
    for (const [clearance, asOf] of [
      ['RED', today()],
      ['GREEN', today()],
      ['RED', '2024-06-01'],
    ] as Array<[Sensitivity, string]>) {
      const caller = callerAt(clearance);
      expect(await planner.keptFacts(caller, asOf)).toBeUndefined();
      await planner.gapCounts(caller, { kinds: [...GAP_KINDS], asOf, hops: GAP_LIMITS.defaultHops });
      const kept = await planner.keptFacts(caller, asOf);
      expect(kept).toBeDefined();
      for (const threat of threats) {
        for (const region of regions) {
          const req = { threat, region, asOf, limit: 10 };
          const fresh = await findResponders(db, caller, req);
          const onKept = await findResponders(db, caller, req, kept);
          expect(onKept, `${clearance} ${asOf} ${threat} ${region}`).toEqual(fresh);
          compared += 1;
          if (fresh.responders.length > 0) nonEmpty += 1;
        }
      }
    }
    expect(compared).toBeGreaterThan(200);
    expect(nonEmpty).toBeGreaterThan(compared / 3);
  }, 600_000);

  it('the API ranks on kept facts once the planner holds them, with the same body', async () => {
    const fresh = createApp({ db, clearance: 'RED', planner: new PlannerCache(db) });
    const warm = createApp({ db, clearance: 'RED', planner });
    const query = { threat: 'threat-armed-conflict', region: 'region-africa' };
    const a = await request(fresh).get('/api/responders').query(query).expect(200);
    const b = await request(warm).get('/api/responders').query(query).expect(200);
    expect(b.body).toEqual(a.body);
    expect(a.body.responders.length).toBeGreaterThan(3);
  });
});
