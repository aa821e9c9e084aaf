import { writeFileSync } from 'node:fs';
import type { Express } from 'express';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../server/src/db/database.js';
import { openTestApp } from '../support/app.js';

// The planner's questions of issue 10, answered on the seed graph and written out as a table
// (ATLAS_REPORT_OUT) so that the answers before and after a change can be compared by a reader.
const QUESTIONS = [
  { threat: 'threat-election-related-violence', region: 'region-west-africa' },
  { threat: 'threat-armed-conflict', region: 'country-bf' },
  { threat: 'threat-armed-conflict', region: 'country-bf', asOf: '2024-06-01' },
  { threat: 'threat-political-crisis', region: 'country-mm' },
  { threat: 'threat-armed-conflict', region: 'region-latin-america' },
];

let db: Database;
let app: Express;

beforeAll(async () => {
  ({ db, app } = await openTestApp({ seeded: true }));
});
afterAll(() => db?.close());

interface Row {
  rank: number;
  actor: { id: string; acronym: string | null; name: string };
  score: number;
  lacks: string[];
  positioned: boolean;
  presenceTier: string;
  organs?: Row[];
  familyScore?: number;
}

const label = (r: Row) => r.actor.acronym || r.actor.name;

describe('planner questions on the seed graph', { timeout: 180_000 }, () => {
  it('answers each question and counts gaps by kind', async () => {
    const lines: string[] = [];
    for (const q of QUESTIONS) {
      const res = await request(app)
        .get('/api/responders')
        .query({ ...q, limit: 5 });
      expect(res.status).toBe(200);
      lines.push(`### ${res.body.threat.name} in ${res.body.region.name} (asOf ${res.body.asOf})`);
      for (const r of res.body.responders as Row[]) {
        const organs = (r.organs ?? []).map((o) => `${label(o)} ${o.score}`).join(', ');
        const standing = `${r.positioned ? 'positioned' : 'not positioned'}, ${r.presenceTier}`;
        const family = organs ? ` [family best ${r.familyScore}; organs: ${organs}]` : '';
        lines.push(`${r.rank}. ${label(r)} ${r.score} (${standing})${family} | ${r.lacks.join('; ')}`);
      }
    }
    const gaps = await request(app).get('/api/gaps').query({ limit: 5000 });
    expect(gaps.status).toBe(200);
    const counts: Record<string, number> = {};
    for (const g of gaps.body.gaps as Array<{ kind: string }>) counts[g.kind] = (counts[g.kind] ?? 0) + 1;
    lines.push(`### gaps (total ${gaps.body.total})`, JSON.stringify(counts));
    if (process.env.ATLAS_REPORT_OUT) writeFileSync(process.env.ATLAS_REPORT_OUT, `${lines.join('\n')}\n`);
    console.log(lines.join('\n'));
  });
});
