// Leak tests: everything a GREEN caller receives must be computed only from what GREEN may
// see. For each fixture, every read endpoint is asked as GREEN on the full graph, then the
// AMBER and RED elements are deleted and the same requests are asked again: the answers must
// be identical (status and body), so no count, score, path or export can
// reveal that a hidden element exists.
import { readSeed, type SeedGraph, type SeedNode, type SeedRelationship } from '@atlas/seed';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../server/src/app.js';
import type { Database } from '../../server/src/db/database.js';
import { applySchema } from '../../server/src/db/schema.js';
import { loadSeedGraph } from '../../server/src/db/seedLoader.js';
import { warmPathPlans } from '../../server/src/features/paths/repository.js';
import { resetGraph, testDatabase } from '../support/neo4j.js';

let db: Database;
let app: ReturnType<typeof createApp>;

beforeAll(async () => {
  db = testDatabase();
  app = createApp({ db, clearance: 'RED' });
  // As the server does at start-up: a path statement planned cold on a busy machine can take most
  // of a path request's 5 s budget (a 422 at load 11 on the tiny graph below).
  await warmPathPlans(db, () => {});
}, 120_000);

afterAll(async () => {
  await db?.close();
});

type Level = 'CLEAR' | 'GREEN' | 'AMBER' | 'RED';

const SRC = 'src-leak-test';
const cite = { sourceIds: [SRC], quotes: [''] };

function actor(id: string, name: string, sensitivity: Level, kind = 'civil-society'): SeedNode {
  return { label: 'Actor', id, properties: { id, name, acronym: null, aliases: [], kind, level: 'regional', sensitivity, ...cite } };
}

function rel(
  type: SeedRelationship['type'],
  from: string,
  to: string,
  sensitivity: Level,
  extra: Record<string, unknown> = {},
): SeedRelationship {
  return { type, from, to, properties: { sensitivity, ...cite, ...extra } };
}

const source: SeedNode = {
  label: 'Source',
  id: SRC,
  properties: { id: SRC, name: 'Leak test', title: 'Leak test', kind: 'note', sensitivity: 'CLEAR', sourceIds: [], quotes: [] },
};

async function load(graph: SeedGraph): Promise<void> {
  await resetGraph(db);
  await applySchema(db);
  await loadSeedGraph(db, graph);
}

async function deleteHidden(): Promise<void> {
  await db.write("MATCH ()-[r]->() WHERE r.sensitivity IN ['AMBER', 'RED'] DELETE r");
  await db.write("MATCH (n) WHERE n.sensitivity IN ['AMBER', 'RED'] DETACH DELETE n");
}

/**
 * Timings and request ids (of problem answers) differ between any two runs, and GDS sums floating-point numbers in parallel, so the
 * last bits of a score vary (1e-16 relative); nothing else may. A hidden element changes
 * scores far above the 10 significant digits kept here.
 */
const VOLATILE = new Set([
  'tookMs',
  'elapsedMs',
  'durationMs',
  'computedAt',
  'generatedAt',
  'exportedAt',
  'timing',
  'timings',
  'requestId',
]);

function stable(value: unknown): unknown {
  if (typeof value === 'number' && !Number.isInteger(value)) return Number(value.toPrecision(10));
  if (Array.isArray(value)) return value.map(stable);
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value as Record<string, unknown>)
        .filter(([k]) => !VOLATILE.has(k))
        .map(([k, v]) => [k, stable(v)]),
    );
  }
  return value;
}

interface Answer {
  status: number;
  body: unknown;
}

/** The body as text whatever its type (exports are CSV, GraphML and GEXF too). */
function asText(res: request.Response, done: (error: Error | null, body: string) => void): void {
  const stream = res as unknown as NodeJS.ReadableStream;
  let text = '';
  stream.setEncoding('utf8');
  stream.on('data', (chunk: string) => {
    text += chunk;
  });
  stream.on('end', () => done(null, text));
}

async function ask(path: string, clearance: Level): Promise<Answer> {
  // A 503 (database busy) or a query-timeout 422 (a query past its time limit on a busy machine): ask again.
  for (let attempt = 1; ; attempt++) {
    const res = await request(app).get(path).set('X-Atlas-Clearance', clearance).buffer(true).parse(asText);
    const outOfTime = res.status === 422 && String(res.text).includes('query-timeout');
    if ((res.status === 503 || outOfTime) && attempt < 4) continue;
    const text = res.body as string;
    const isJson = res.headers['content-type']?.includes('json');
    // Text exports carry the moment they were made; that alone may differ.
    return { status: res.status, body: stable(isJson ? JSON.parse(text) : text.replace(/\d{4}-\d\d-\d\dT[\d:.]+Z/g, '<now>')) };
  }
}

/**
 * Asks every probe as GREEN, deletes the hidden elements, asks again, and expects the same
 * answers. Returns the GREEN answers for further checks.
 */
async function expectSameAsWithoutHidden(probes: string[]): Promise<Map<string, Answer>> {
  const green = new Map<string, Answer>();
  for (const probe of probes) green.set(probe, await ask(probe, 'GREEN'));
  await deleteHidden();
  for (const probe of probes) {
    const reduced = await ask(probe, 'GREEN');
    const seen = green.get(probe) as Answer;
    expect.soft(seen.status, `${probe}: status`).toBeLessThan(500);
    expect.soft(seen, probe).toEqual(reduced);
  }
  return green;
}

const MEASURES = ['degree', 'in-degree', 'out-degree', 'betweenness', 'closeness', 'harmonic', 'pagerank', 'eigenvector'];

/** Every read endpoint with the parameters that exercise it. */
function probesFor(ids: { a: string; b: string; other: string; hiddenActor: string; hiddenName: string; threat: string; region: string }) {
  const q = encodeURIComponent;
  return [
    `/api/actors/search?q=${q(ids.hiddenName)}`,
    `/api/actors/search?q=${q(ids.a)}`,
    `/api/actors/search?q=a`,
    `/api/actors/${ids.a}`,
    `/api/actors/${ids.b}`,
    `/api/actors/${ids.hiddenActor}`,
    '/api/graph?limit=5000',
    `/api/paths?from=${ids.a}&to=${ids.b}`,
    `/api/paths?from=${ids.a}&to=${ids.b}&mode=all&maxHops=4`,
    `/api/paths?from=${ids.a}&to=${ids.b}&mode=k-shortest&k=5`,
    `/api/paths?from=${ids.a}&to=${ids.other}&mode=all&maxHops=4`,
    `/api/paths?from=${ids.a}&to=${q(ids.hiddenName)}`,
    ...MEASURES.flatMap((m) => [
      `/api/centrality?measure=${m}&engine=in-process&top=10000`,
      `/api/centrality?measure=${m}&engine=gds&top=10000`,
    ]),
    `/api/centrality?measure=betweenness&engine=in-process&region=${ids.region}&top=10000`,
    `/api/centrality?measure=degree&engine=gds&threat=${ids.threat}&top=10000`,
    '/api/centrality/structure',
    `/api/responders?threat=${ids.threat}&region=${ids.region}&limit=200`,
    '/api/gaps',
    `/api/gaps?threat=${ids.threat}&region=${ids.region}&hops=3`,
    '/api/coverage?level=continent',
    '/api/coverage?level=subregion',
    '/api/coverage?level=country',
    `/api/coverage?level=country&threat=${ids.threat}&region=${ids.region}`,
    '/api/export?format=json',
    '/api/export?format=kumu&sheet=elements',
    '/api/export?format=kumu&sheet=connections',
    '/api/export?format=graphml',
    '/api/export?format=gexf',
  ];
}

describe('a RED actor on the only path between two GREEN actors (tiny graph)', () => {
  const region: SeedNode = {
    label: 'Region',
    id: 'region-test',
    properties: { id: 'region-test', name: 'Testland', kind: 'subregion', aliases: [], sensitivity: 'GREEN', ...cite },
  };
  const threat: SeedNode = {
    label: 'Threat',
    id: 'threat-test',
    properties: { id: 'threat-test', name: 'Test threat', aliases: [], sensitivity: 'GREEN', ...cite },
  };
  const mandate = (id: string, sensitivity: Level): SeedNode => ({
    label: 'Mandate',
    id,
    properties: { id, name: id, aliases: [], sensitivity, ...cite },
  });
  const graph: SeedGraph = {
    nodes: [
      source,
      region,
      threat,
      actor('actor-left', 'Left Alliance', 'GREEN'),
      actor('actor-right', 'Right Council', 'GREEN'),
      actor('actor-other', 'Other Forum', 'GREEN'),
      actor('actor-hidden', 'Hidden Broker', 'RED'),
      mandate('mandate-left', 'GREEN'),
      mandate('mandate-hidden', 'RED'),
    ],
    relationships: [
      // The only route from left to right runs through the RED actor ...
      rel('FUNDS', 'actor-left', 'actor-hidden', 'GREEN'),
      rel('FUNDS', 'actor-hidden', 'actor-right', 'GREEN'),
      // ... or over a RED relationship between two GREEN actors.
      rel('DIALOGUE_WITH', 'actor-left', 'actor-right', 'RED'),
      rel('DIALOGUE_WITH', 'actor-left', 'actor-other', 'GREEN'),
      rel('SUPPORTS', 'actor-other', 'actor-right', 'AMBER'),
      // The hidden actor is also a would-be responder with its own (hidden) mandate.
      rel('HAS_MANDATE', 'actor-left', 'mandate-left', 'GREEN'),
      rel('COVERS', 'mandate-left', 'threat-test', 'GREEN'),
      rel('APPLIES_IN', 'mandate-left', 'region-test', 'GREEN'),
      rel('OPERATES_IN', 'actor-left', 'region-test', 'GREEN'),
      rel('HAS_MANDATE', 'actor-hidden', 'mandate-hidden', 'GREEN'),
      rel('COVERS', 'mandate-hidden', 'threat-test', 'GREEN'),
      rel('APPLIES_IN', 'mandate-hidden', 'region-test', 'GREEN'),
      rel('OPERATES_IN', 'actor-hidden', 'region-test', 'GREEN'),
      rel('OPERATES_IN', 'actor-right', 'region-test', 'RED'),
      rel('AFFECTS', 'threat-test', 'region-test', 'GREEN'),
    ],
  };
  const ids = {
    a: 'actor-left',
    b: 'actor-right',
    other: 'actor-other',
    hiddenActor: 'actor-hidden',
    hiddenName: 'Hidden Broker',
    threat: 'threat-test',
    region: 'region-test',
  };

  beforeAll(async () => {
    await load(graph);
  });

  it('finds the path for a RED caller (so the next checks can fail)', async () => {
    const red = await ask(`/api/paths?from=${ids.a}&to=${ids.b}`, 'RED');
    expect(red.status).toBe(200);
    const { paths } = red.body as { paths: unknown[] };
    expect(paths.length).toBeGreaterThan(0);
    const hops = JSON.stringify(paths);
    expect(hops).toMatch(/actor-hidden|DIALOGUE_WITH/);
  }, 60_000);

  it('answers "no path" to a GREEN caller', async () => {
    const green = await request(app)
      .get('/api/paths')
      .query({ from: ids.a, to: ids.b, mode: 'all', maxHops: 8 })
      .set('X-Atlas-Clearance', 'GREEN');
    expect(green.status).toBe(200);
    expect(green.body.paths).toEqual([]);
    expect(JSON.stringify(green.body)).not.toMatch(/hidden|Hidden/);
  }, 60_000);

  it('gives a GREEN caller exactly the answers of the graph without the hidden elements, on every endpoint', async () => {
    const green = await expectSameAsWithoutHidden(probesFor(ids));
    // Beyond equality: no answer names a hidden element (except to echo what the caller typed).
    for (const [probe, answer] of green) {
      if (!/hidden|Hidden/.test(probe)) expect.soft(JSON.stringify(answer.body), probe).not.toMatch(/hidden|Hidden/);
    }
  }, 600_000);
});

describe('hidden actors and ties added to the seed graph', () => {
  const hidden = [
    actor('actor-shadow-network', 'Shadow Mediation Network', 'RED', 'civil-society'),
    actor('actor-amber-desk', 'Amber Liaison Desk', 'AMBER'),
  ];
  const mandate: SeedNode = {
    label: 'Mandate',
    id: 'mandate-shadow',
    properties: { id: 'mandate-shadow', name: 'Shadow mandate', aliases: [], sensitivity: 'RED', ...cite },
  };
  const extra: SeedRelationship[] = [
    // A hidden bridge between two visible actors, and hidden ties straight between visible ones.
    rel('PROVIDES_DATA_TO', 'actor-wanep', 'actor-shadow-network', 'CLEAR', { frequency: 'weekly' }),
    rel('PROVIDES_DATA_TO', 'actor-shadow-network', 'actor-pbc', 'CLEAR', { frequency: 'weekly' }),
    rel('DIALOGUE_WITH', 'actor-amber-desk', 'actor-au-psc', 'GREEN'),
    rel('FUNDS', 'actor-amber-desk', 'actor-wanep', 'GREEN'),
    rel('SUPPORTS', 'actor-wanep', 'actor-pbc', 'RED'),
    rel('DIALOGUE_WITH', 'actor-dppa', 'actor-au-psc', 'AMBER'),
    // A hidden responder: mandate, presence, participation as funder, a hidden threat-region fact.
    rel('HAS_MANDATE', 'actor-shadow-network', 'mandate-shadow', 'RED'),
    rel('COVERS', 'mandate-shadow', 'threat-armed-conflict', 'RED'),
    rel('APPLIES_IN', 'mandate-shadow', 'region-west-africa', 'RED'),
    rel('OPERATES_IN', 'actor-shadow-network', 'region-west-africa', 'GREEN'),
    rel('OPERATES_IN', 'actor-amber-desk', 'region-sahel', 'GREEN'),
    rel('PARTICIPATES_IN', 'actor-shadow-network', 'init-ecowarn', 'GREEN', { role: 'funder' }),
    rel('PARTICIPATES_IN', 'actor-amber-desk', 'init-peacebuilding-burundi', 'GREEN', { role: 'funder' }),
    rel('AFFECTS', 'threat-violent-extremism', 'region-west-africa', 'RED', { asOf: '2019-09-24', severity: 'high' }),
    rel('OPERATES_IN', 'actor-wanep', 'region-sahel', 'AMBER'),
  ];
  const ids = {
    a: 'actor-wanep',
    b: 'actor-pbc',
    other: 'actor-au-psc',
    hiddenActor: 'actor-shadow-network',
    hiddenName: 'Shadow Mediation Network',
    threat: 'threat-armed-conflict',
    region: 'region-west-africa',
  };

  beforeAll(async () => {
    const seed = await readSeed();
    await load({ nodes: [...seed.nodes, source, ...hidden, mandate], relationships: [...seed.relationships, ...extra] });
  });

  it('shows a RED caller the hidden elements (so the comparison can fail)', async () => {
    const res = await ask('/api/actors/actor-wanep', 'RED');
    expect(JSON.stringify(res.body)).toMatch(/actor-shadow-network/);
    const exported = await ask('/api/export?format=gexf', 'RED');
    expect(exported.body).toMatch(/Shadow Mediation Network/);
  });

  it('gives a GREEN caller exactly the answers of the graph without them, on every endpoint', async () => {
    const probes = [
      ...probesFor(ids),
      `/api/responders?threat=threat-violent-extremism&region=region-west-africa&limit=200`,
      `/api/responders?threat=threat-armed-conflict&region=region-sahel&limit=200`,
      `/api/paths?from=actor-amber-desk&to=actor-au-psc`,
      `/api/paths?from=actor-dppa&to=actor-au-psc&mode=all&maxHops=3`,
      '/api/gaps?kind=unfunded',
      '/api/gaps?kind=uncovered,presence-without-mandate',
    ];
    const green = await expectSameAsWithoutHidden(probes);
    for (const [probe, answer] of green) {
      if (!/shadow|Shadow|amber-desk/.test(probe)) {
        expect.soft(JSON.stringify(answer.body), probe).not.toMatch(/shadow|Shadow|amber-desk|Amber Liaison/);
      }
    }
  }, 600_000);
});

describe('hidden elements created through the API, and their audit trail', () => {
  const secret = {
    id: 'actor-secret-envoy',
    name: 'Secret Envoy Office',
    description: 'Known only to RED readers.',
    kind: 'civil-society',
    level: 'regional',
    sensitivity: 'RED',
    sourceIds: [],
    quotes: [],
  };
  let relId: string;

  beforeAll(async () => {
    await load(await readSeed());
    await request(app).post('/api/entities/Actor').send(secret).expect(201);
    const rel = await request(app)
      .post('/api/relationships')
      .send({ type: 'FUNDS', from: 'actor-wanep', to: secret.id, properties: { sensitivity: 'CLEAR', sourceIds: [], quotes: [] } })
      .expect(201);
    relId = rel.body.id;
  }, 300_000);

  it('shows the RED caller the entity, the tie and their history (so the next checks can fail)', async () => {
    expect(JSON.stringify((await ask('/api/audit?limit=1000', 'RED')).body)).toMatch(/actor-secret-envoy/);
    expect((await ask(`/api/entities/Actor/${secret.id}`, 'RED')).status).toBe(200);
    expect((await ask(`/api/relationships/${encodeURIComponent(relId)}`, 'RED')).status).toBe(200);
  });

  it('gives a GREEN caller 404s for them and no trace in the audit trail, search, neighbourhoods or exports', async () => {
    for (const path of [
      `/api/entities/Actor/${secret.id}`,
      `/api/entities/Actor/${secret.id}/history`,
      `/api/relationships/${encodeURIComponent(relId)}`,
      `/api/relationships/${encodeURIComponent(relId)}/history`,
    ]) {
      expect.soft((await ask(path, 'GREEN')).status, path).toBe(404);
    }
    for (const path of [
      '/api/audit?limit=1000',
      '/api/actors/actor-wanep',
      '/api/actors/search?q=Envoy',
      '/api/export?format=json',
      '/api/export?format=gexf',
    ]) {
      const answer = await ask(path, 'GREEN');
      expect.soft(answer.status, path).toBe(200);
      expect.soft(JSON.stringify(answer.body), path).not.toMatch(/secret-envoy|Secret Envoy/);
    }
  }, 120_000);
});
