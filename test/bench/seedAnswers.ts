// npx tsx test/bench/seedAnswers.ts [--out answers.json] [--uri bolt://...]
//
// The planner's answers on the seed graph, through the real app (HTTP on an in-process server):
// the top five responders of issue 10's questions and the gap counts by kind, printed; with
// --out, every responders, gaps and coverage answer in full at CLEAR and RED, so that the
// answers before and after a change can be compared byte for byte (`diff` the two files).
// Without --uri it starts its own throw-away Neo4j; with --uri it EMPTIES that database first.
import { writeFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { ensureNeo4jInstalled, startLocalNeo4j } from '@atlas/neo4j-local';
import request from 'supertest';
import { createApp } from '../../server/src/app.js';
import { Database } from '../../server/src/db/database.js';
import { freshSeededDatabase } from '../support/neo4j.js';

const QUESTIONS = [
  { threat: 'threat-election-related-violence', region: 'region-west-africa' },
  { threat: 'threat-armed-conflict', region: 'country-bf' },
  { threat: 'threat-armed-conflict', region: 'country-bf', asOf: '2024-06-01' },
  { threat: 'threat-political-crisis', region: 'country-mm' },
  { threat: 'threat-armed-conflict', region: 'region-latin-america' },
];
const CLEARANCES = ['CLEAR', 'RED'] as const;
const LEVELS = ['continent', 'subregion', 'country'] as const;

const arg = (name: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : undefined;
};

interface Row {
  rank: number;
  actor: { acronym: string | null; name: string };
  score: number;
  organs?: Row[];
}
const label = (r: Row) => r.actor.acronym || r.actor.name;

async function answers(db: Database): Promise<{ summary: string[]; full: Record<string, unknown> }> {
  const summary: string[] = [];
  const full: Record<string, unknown> = {};
  for (const clearance of CLEARANCES) {
    const app = createApp({ db, clearance });
    const get = async (url: string, query: Record<string, unknown>) => {
      const res = await request(app).get(url).query(query);
      if (res.status !== 200) throw new Error(`${url} ${JSON.stringify(query)}: ${res.status} ${JSON.stringify(res.body)}`);
      full[`${clearance} ${url} ${JSON.stringify(query)}`] = res.body;
      return res.body;
    };
    for (const q of QUESTIONS) {
      const body = await get('/api/responders', { ...q, limit: 200 });
      if (clearance !== 'RED') continue;
      const top = (body.responders as Row[]).slice(0, 5).map((r) => {
        const organs = r.organs?.length ? ` [+ ${r.organs.map(label).join(', ')}]` : '';
        return `${r.rank}. ${label(r)} ${r.score}${organs}`;
      });
      summary.push(`${body.threat.name} in ${body.region.name} (asOf ${body.asOf}): ${top.join('; ')}`);
    }
    const gaps = await get('/api/gaps', { limit: 5000 });
    summary.push(`${clearance} gaps: total ${gaps.total}, by kind ${JSON.stringify(gaps.counts.byKind)}`);
    for (const level of LEVELS) await get('/api/coverage', { level });
  }
  return { summary, full };
}

async function main(): Promise<void> {
  let uri = arg('uri');
  let stop = async () => {};
  if (!uri) {
    await ensureNeo4jInstalled({ log: console.log });
    const dataDir = await mkdtemp(path.join(os.tmpdir(), 'atlas-seed-answers-'));
    const neo4j = await startLocalNeo4j({ boltPort: 0, dataDir, heap: '1g', pageCache: '256m' });
    uri = neo4j.uri;
    stop = async () => {
      await neo4j.stop();
      await rm(dataDir, { recursive: true, force: true });
    };
  }
  const db = new Database({ uri, queryTimeoutMs: 120_000 });
  try {
    await freshSeededDatabase(db);
    const { summary, full } = await answers(db);
    console.log(summary.join('\n'));
    const out = arg('out');
    if (out) writeFileSync(out, `${JSON.stringify(full, null, 1)}\n`);
  } finally {
    await db.close();
    await stop();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
