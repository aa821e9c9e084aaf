// An import in flight is invisible (issue 13, import round 7): a relationship with an end the
// import creates is written once, at its real level and without staging marks, and hidden only
// because that end is staged (every read requires a relationship's two ends visible). Held in its
// staging phase (the beforeCommit hook), an import of CLEAR relationships from an existing visible
// node to a new one and between two new ones must change no answer of any read endpoint at any
// clearance, nor the degree or centrality of the existing node; writes that read must not see it
// either. Then a failure leaves nothing, and a success shows everything.

import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../server/src/app.js';
import type { Database } from '../../server/src/db/database.js';
import { importGraph } from '../../server/src/features/transfer/importer.js';
import { freshSeededDatabase, testDatabase } from '../support/neo4j.js';

let db: Database;
let app: ReturnType<typeof createApp>;
let tmp: string;
const CLEARANCES = ['CLEAR', 'GREEN', 'AMBER', 'RED'] as const;
const RED = { clearance: 'RED', allowed: [...CLEARANCES], userId: 'invisible-test', role: 'admin' } as never;

beforeAll(async () => {
  db = testDatabase();
  await freshSeededDatabase(db);
  app = createApp({ db, clearance: 'RED' });
  tmp = await mkdtemp(path.join(os.tmpdir(), 'atlas-invisible-test-'));
  // An existing visible node that will be deleted while the import holds a relationship to it.
  await request(app)
    .post('/api/entities/Actor')
    .send({ id: 'actor-doomed', name: 'Doomed Collective', kind: 'civil-society', level: 'local', description: 'd', sensitivity: 'CLEAR' })
    .expect(201);
}, 600_000);

afterAll(async () => {
  await db?.close();
  await rm(tmp, { recursive: true, force: true });
});

/** What the import writes: two new CLEAR actors, a tie from a seed actor to one, one between them, one from actor-doomed. */
async function heldFile(tag: string): Promise<string> {
  const actor = (n: string) => ({
    label: 'Actor',
    id: `actor-held-${tag}-${n}`,
    properties: { name: `Heldfast ${tag} ${n}`, kind: 'civil-society', level: 'local', description: 'd', sensitivity: 'CLEAR' },
  });
  const tie = (id: string, from: string, to: string) => ({
    type: 'DIALOGUE_WITH',
    id: `rel-held-${tag}-${id}`,
    from,
    to,
    properties: { sensitivity: 'CLEAR' },
  });
  const file = path.join(tmp, `${tag}.json`);
  await writeFile(
    file,
    JSON.stringify({
      format: 'stakeholder-atlas',
      version: 1,
      nodes: [actor('one'), actor('two')],
      relationships: [
        tie('in', 'actor-wanep', `actor-held-${tag}-one`),
        tie('between', `actor-held-${tag}-one`, `actor-held-${tag}-two`),
        tie('doomed', 'actor-doomed', `actor-held-${tag}-two`),
      ],
    }),
  );
  return file;
}

const READS = [
  '/api/graph',
  '/api/graph?limit=20000&labels=Actor',
  '/api/actors/actor-wanep',
  '/api/actors/actor-doomed',
  '/api/actors/search?q=Heldfast',
  '/api/paths?from=actor-wanep&to=actor-doomed&mode=shortest',
  '/api/paths?from=actor-wanep&to=actor-doomed&mode=all',
  '/api/paths?from=actor-wanep&to=actor-doomed&mode=shortest&weight=weight',
  '/api/centrality?measure=degree&top=10000',
  '/api/centrality?measure=betweenness&top=10000',
  '/api/centrality?measure=pagerank&engine=gds&top=10000',
  '/api/centrality?measure=degree&engine=gds&top=10000',
  '/api/centrality/communities',
  '/api/centrality/structure',
  '/api/gaps',
  '/api/coverage?level=country',
  '/api/responders?threat=threat-election-related-violence&region=region-west-africa',
  '/api/completeness',
  '/api/export?format=json',
  '/api/export?format=graphml',
  '/api/export?format=gexf',
  '/api/export/network?format=graphml',
  '/api/export/network?format=csv&sheet=edges',
  '/api/audit?limit=500',
  '/api/entities/Actor/actor-wanep',
  '/api/entities/Actor/actor-wanep/history',
  '/api/documents',
];

/** Timestamps and timings differ between two identical answers: blanked. */
const STAMP = /\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z?/g;
const normal = (value: unknown): unknown => {
  if (typeof value === 'string') return value.replace(STAMP, 'T');
  if (Array.isArray(value)) return value.map(normal);
  if (value && typeof value === 'object')
    return Object.fromEntries(
      Object.entries(value)
        .filter(([k]) => !/(ms|Ms|millis|seconds|elapsed|took|computedAt|generatedAt|cached)$/.test(k))
        .map(([k, v]) => [k, normal(v)]),
    );
  return value;
};

/** The answers that differ (as JSON), each with a window around its first difference; [] when all agree. */
function differences(now: Record<string, string>, then: Record<string, string>): string[] {
  return Object.keys(then).flatMap((key) => {
    const [a, b] = [now[key] ?? '', then[key] ?? ''];
    if (a === b) return [];
    let i = 0;
    while (i < a.length && a[i] === b[i]) i++;
    return [`${key} @${i}: now …${a.slice(Math.max(0, i - 80), i + 120)}… before …${b.slice(Math.max(0, i - 80), i + 120)}…`];
  });
}

async function answers(): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const clearance of CLEARANCES)
    for (const url of READS) {
      const res = await request(app).get(url).set('X-Atlas-Clearance', clearance).buffer(true);
      // Text exports compared as sets of lines: at RED the slice read takes its checked path while
      // any import is in flight (centrality/slice.ts, importsInFlight), which orders edges otherwise.
      const text = res.text ?? (Buffer.isBuffer(res.body) ? res.body.toString('utf8') : '');
      const body = res.type.includes('json') ? res.body : text.split('\n').sort().join('\n');
      out[`${clearance} ${url}`] = JSON.stringify({ status: res.status, body: normal(body) });
    }
  return out;
}

/** Everything stored of an import's ids, whatever its marks or level (no clearance filter). */
async function stored(tag: string): Promise<number> {
  const r = await db.read(
    `CALL () { MATCH (n) WHERE n.id STARTS WITH $node RETURN count(n) AS n }
     CALL () { MATCH ()-[r]->() WHERE r.id STARTS WITH $rel RETURN count(r) AS r }
     RETURN n + r AS stored`,
    { node: `actor-held-${tag}-`, rel: `rel-held-${tag}-` },
  );
  return Number(r.records[0]?.get('stored'));
}

/** Runs an import of heldFile(tag), held before its commit point while `look` runs. */
async function holdImport(tag: string, look: () => Promise<void>, fail = false) {
  return importGraph(
    db,
    { format: 'json', files: [{ name: `${tag}.json`, path: await heldFile(tag) }] },
    {
      caller: RED,
      by: 'invisible-test',
      beforeCommit: async () => {
        await look();
        if (fail) throw new Error('failed after staging');
      },
    },
  );
}

const ids = (tag: string) => [`actor-held-${tag}-one`, `actor-held-${tag}-two`, `rel-held-${tag}-in`, `rel-held-${tag}-between`];

describe('an import held in its staging phase', () => {
  it('shows nothing at any clearance, to reads and to writes that read; a failure leaves nothing', async () => {
    const before = await answers();
    let looked = false;
    const failing = holdImport(
      'fail',
      async () => {
        // Really staged: the elements are stored, the relationships at their real level.
        expect(await stored('fail')).toBe(5);
        const levels = await db.read(
          "MATCH ()-[r]->() WHERE r.id STARTS WITH 'rel-held-fail-' RETURN collect(DISTINCT r.sensitivity) AS l",
        );
        expect(levels.records[0]?.get('l')).toEqual(['CLEAR']);
        expect(differences(await answers(), before)).toEqual([]);
        looked = true;
      },
      true,
    );
    await expect(failing).rejects.toThrow('failed after staging');
    expect(looked).toBe(true);
    expect(await stored('fail')).toBe(0);
    expect((await db.read('MATCH (i:ImportRun) RETURN count(i) AS n')).records[0]?.get('n')).toEqual(0);
    expect(differences(await answers(), before)).toEqual([]);
  }, 600_000);

  it('refuses a relationship to a staged node, deletes an existing node without its staged tie, then publishes', async () => {
    const before = await answers();
    const degreeOf = async (id: string) => {
      const res = await request(app).get('/api/centrality?measure=degree&top=10000').expect(200);
      return (res.body.results as { id: string }[]).find((r) => r.id === id);
    };
    const wanepDegree = await degreeOf('actor-wanep');
    const report = await holdImport('ok', async () => {
      expect(differences(await answers(), before)).toEqual([]);
      expect(await degreeOf('actor-wanep')).toEqual(wanepDegree);
      for (const clearance of CLEARANCES) {
        await request(app).get('/api/entities/Actor/actor-held-ok-one').set('X-Atlas-Clearance', clearance).expect(404);
        await request(app).get('/api/relationships/rel-held-ok-in').set('X-Atlas-Clearance', clearance).expect(404);
      }
      // Creating a relationship to the new id: it does not exist.
      const refused = await request(app)
        .post('/api/relationships')
        .send({ type: 'DIALOGUE_WITH', from: 'actor-wanep', to: 'actor-held-ok-one', properties: { sensitivity: 'CLEAR' } })
        .expect(404);
      expect(JSON.stringify(refused.body)).toContain('body.to');
      // Deleting the existing end of a staged tie: deleted at once, the tie neither shown nor audited.
      const doomed = await request(app).get('/api/entities/Actor/actor-doomed').expect(200);
      await request(app)
        .delete('/api/entities/Actor/actor-doomed')
        .set('If-Match', doomed.headers.etag as string)
        .expect(204);
      const audit = await request(app).get('/api/audit?limit=500').expect(200);
      expect(JSON.stringify(audit.body)).not.toContain('rel-held-ok');
      expect(JSON.stringify(audit.body)).toContain('actor-doomed');
    });
    expect(report.nodes.created).toBe(2);
    expect(report.relationships.created).toBe(3);
    // Published: everything appears (the tie to the deleted node went with it).
    const graph = JSON.stringify((await request(app).get('/api/graph?limit=20000').expect(200)).body);
    for (const id of ids('ok')) expect(graph).toContain(id);
    expect(graph).not.toContain('rel-held-ok-doomed');
    const wanep = JSON.stringify((await request(app).get('/api/actors/actor-wanep').expect(200)).body);
    expect(wanep).toContain('rel-held-ok-in');
    await request(app).get('/api/relationships/rel-held-ok-between').expect(200);
    const path = await request(app).get('/api/paths?from=actor-wanep&to=actor-held-ok-two&mode=shortest').expect(200);
    expect(JSON.stringify(path.body)).toContain('rel-held-ok-between');
    const degree = await degreeOf('actor-wanep');
    expect(degree).not.toEqual(wanepDegree);
    // Undo still takes everything it created away.
    const undone = await request(app).delete(`/api/import/${report.importId}`).expect(200);
    expect(undone.body.undone).toBe(4);
    expect(await stored('ok')).toBe(0);
  }, 600_000);
});
