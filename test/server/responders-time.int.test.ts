import type { Express } from 'express';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../server/src/db/database.js';
import { openTestApp } from '../support/app.js';

// Time flows through membership (issue 10): an organization's reach follows its member states on
// the date asked, on the seed's dated memberships.
let db: Database;
let app: Express;

beforeAll(async () => {
  ({ db, app } = await openTestApp({ seeded: true }));
});
afterAll(() => db?.close());

interface Responder {
  actor: { id: string };
  positioned: boolean;
  presenceTier: string;
  breakdown: Record<string, { score: number; facts: Array<{ text: string }> }>;
  lacks: string[];
  organs?: Responder[];
}

async function responder(threat: string, region: string, asOf: string, actorId: string): Promise<Responder | undefined> {
  const res = await request(app).get('/api/responders').query({ threat, region, asOf, limit: 200 }).expect(200);
  return (res.body.responders as Responder[]).flatMap((r) => [r, ...(r.organs ?? [])]).find((r) => r.actor.id === actorId);
}

describe('reach follows membership on the date asked', { timeout: 120_000 }, () => {
  it('ECOWAS is positioned for armed conflict in Burkina Faso before 29 January 2025, not after', async () => {
    const before = await responder('threat-armed-conflict', 'country-bf', '2024-06-01', 'actor-ecowas');
    expect(before?.positioned).toBe(true);
    expect(before?.breakdown.mandate?.score).toBe(1);
    expect(before?.presenceTier).toBe('field');
    const memberFact = before?.breakdown.presence?.facts.find(
      (f) => f.text.includes('member states of ECOWAS') || f.text.includes('member state of ECOWAS'),
    );
    expect(memberFact?.text).toContain('Burkina Faso (member until 2025-01-29)');

    for (const asOf of ['2025-01-29', '2025-06-01']) {
      const after = await responder('threat-armed-conflict', 'country-bf', asOf, 'actor-ecowas');
      expect(after?.positioned ?? false).toBe(false);
      expect(after?.breakdown.mandate?.score ?? 0).toBe(0);
      expect(after?.breakdown.presence?.score ?? 0).toBe(0);
    }
  });

  it('keeps ECOWAS in Senegal after Burkina Faso left (its members still are there)', async () => {
    const senegal = await responder('threat-armed-conflict', 'country-sn', '2025-06-01', 'actor-ecowas');
    expect(senegal?.positioned).toBe(true);
  });

  it('ECOWAS mandate for West Africa does not apply in Mauritania (not a member)', async () => {
    const mauritania = await responder('threat-armed-conflict', 'country-mr', '2025-06-01', 'actor-ecowas');
    expect(mauritania?.breakdown.mandate?.score ?? 0).toBe(0);
    expect(mauritania?.positioned ?? false).toBe(false);
    // WANEP (civil society, no member list) still reaches Mauritania through West Africa.
    const wanep = await responder('threat-armed-conflict', 'country-mr', '2025-06-01', 'actor-wanep');
    expect(wanep?.breakdown.mandate?.score).toBe(1);
  });

  it('the OAS is present in Nicaragua until its withdrawal took effect on 19 November 2023', async () => {
    const before = await responder('threat-political-crisis', 'country-ni', '2023-06-01', 'actor-oas');
    expect(before?.breakdown.presence?.score).toBeGreaterThan(0);
    expect(before?.presenceTier).toBe('field');
    const after = await responder('threat-political-crisis', 'country-ni', '2024-06-01', 'actor-oas');
    expect(after?.breakdown.presence?.score ?? 0).toBe(0);
    expect(after?.presenceTier ?? 'none').toBe('none');
  });

  it('PBSO, which supported efforts in Burkina Faso, is there: no lack of presence beside that evidence', async () => {
    const pbso = await responder('threat-armed-conflict', 'country-bf', '2026-01-01', 'actor-pbso');
    expect(pbso).toMatchObject({ positioned: true, presenceTier: 'field' });
    expect(pbso?.breakdown.presence?.facts.some((f) => f.text.includes('Burkina Faso'))).toBe(true);
    expect(pbso?.lacks.filter((l) => /presence/.test(l))).toEqual([]);
  });
});
