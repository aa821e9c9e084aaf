// No contradiction at any clearance, on the seed in the real Neo4j: at each clearance, no text in
// any answer (search, actor details, entities, responders, gaps, paths, the whole export) states
// a fact the caller may not see; at CLEAR the gaps may flag ECOWAS as lacking a civil-society data
// partner precisely because no CLEAR text says WANEP feeds it. And the import rejects such texts.
import { knownNodes, readSeed, SENSITIVITY, type SeedGraph, type Sensitivity, sensitivityRank, TextLeakChecker } from '@atlas/seed';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../server/src/app.js';
import type { Database } from '../../server/src/db/database.js';
import { freshSeededDatabase, testDatabase } from '../support/neo4j.js';

let db: Database;
let app: ReturnType<typeof createApp>;
let seed: SeedGraph;
let checker: TextLeakChecker;
let seedIds: Set<string>;

beforeAll(async () => {
  db = testDatabase();
  await freshSeededDatabase(db);
  app = createApp({ db, clearance: 'RED' });
  seed = await readSeed();
  checker = new TextLeakChecker(knownNodes(seed.nodes), seed.relationships);
  seedIds = new Set(seed.nodes.map((n) => n.id));
}, 180_000);

afterAll(async () => {
  await db?.close();
});

const PROBES = [
  '/api/actors/search?q=WANEP',
  '/api/actors/search?q=ECOWAS',
  '/api/actors/search?q=early%20warning',
  '/api/actors/actor-wanep',
  '/api/actors/actor-ecowas',
  '/api/entities/Initiative/init-ecowarn',
  '/api/entities/Mandate/mandate-wanep-early-warning',
  '/api/entities/Agreement/agreement-ecowas-wanep-partnership',
  '/api/responders?threat=threat-election-related-violence&region=region-west-africa',
  '/api/responders?threat=threat-armed-conflict&region=region-west-africa',
  '/api/gaps?region=region-west-africa',
  '/api/paths?from=actor-wanep&to=actor-ecowas',
  '/api/export?format=json',
];

/** Fields holding ids of what an object speaks of: its own id, or a relationship's ends. */
const OWNER_KEYS = ['id', 'from', 'to', 'source', 'target', 'fromId', 'toId', 'actorId'];

/** Every string of an answer with the seed elements it speaks of (the nearest object with an id or ends). */
function* textsOf(value: unknown, owners: string[] = []): Generator<[string, string[]]> {
  if (typeof value === 'string') yield [value, owners];
  else if (Array.isArray(value)) for (const item of value) yield* textsOf(item, owners);
  else if (value && typeof value === 'object') {
    const object = value as Record<string, unknown>;
    const own = OWNER_KEYS.map((k) => object[k]).filter((v): v is string => typeof v === 'string' && seedIds.has(v));
    for (const item of Object.values(object)) yield* textsOf(item, own.length > 0 ? own : owners);
  }
}

/** The texts of an answer given at a clearance that state a fact above it. */
function contradictions(answer: unknown, clearance: Sensitivity): string[] {
  const found: string[] = [];
  for (const [text, owners] of textsOf(answer)) {
    for (const leak of checker.check(sensitivityRank(clearance), owners, { description: text })) found.push(`"${text}": ${leak.message}`);
  }
  return found;
}

async function ask(path: string, clearance: Sensitivity): Promise<unknown> {
  const res = await request(app).get(path).set('X-Atlas-Clearance', clearance);
  expect(res.status, `${path} as ${clearance}`).toBe(200);
  return path.startsWith('/api/export') ? JSON.parse(res.text) : res.body;
}

describe('no answer contradicts the text visible at its clearance', () => {
  it('the check finds the old contradiction (WANEP described at CLEAR as feeding ECOWAS data)', () => {
    const old = {
      id: 'actor-wanep',
      description: 'West African network; provides ECOWAS with early-warning data and analyses weekly and monthly.',
    };
    expect(contradictions({ nodes: [old] }, 'CLEAR')).toHaveLength(1);
    expect(contradictions({ nodes: [old] }, 'GREEN')).toHaveLength(0);
  });

  for (const clearance of SENSITIVITY) {
    it(`at ${clearance}: search, details, entities, responders, gaps, paths and the export state nothing hidden`, async () => {
      const problems: string[] = [];
      let texts = 0;
      for (const probe of PROBES) {
        const answer = await ask(probe, clearance);
        texts += [...textsOf(answer)].length;
        problems.push(...contradictions(answer, clearance).map((p) => `${probe}: ${p}`));
      }
      expect(texts).toBeGreaterThan(1000);
      expect(problems).toEqual([]);
    }, 120_000);
  }

  it("at CLEAR the gaps may flag ECOWAS's missing civil-society data partner, since nothing at CLEAR says WANEP feeds it; at GREEN they do not", async () => {
    const earlyWarning = async (clearance: Sensitivity) => {
      const body = (await ask('/api/gaps?kind=early-warning&region=region-west-africa', clearance)) as { gaps: unknown[] };
      return JSON.stringify(body.gaps).includes('actor-ecowas');
    };
    expect(await earlyWarning('CLEAR')).toBe(true);
    expect(await earlyWarning('GREEN')).toBe(false);
    const clearExport = JSON.stringify(await ask('/api/export?format=json', 'CLEAR'));
    expect(clearExport).not.toContain('WANEP provides ECOWAS with data');
    expect(JSON.stringify(await ask('/api/export?format=json', 'GREEN'))).toContain('WANEP provides ECOWAS with data');
  });
});

describe('the import', () => {
  const importJson = (doc: unknown) =>
    request(app)
      .post('/api/import?format=json')
      .set('Content-Type', 'application/octet-stream')
      .send(Buffer.from(JSON.stringify(doc, null, 1)));

  const doc = (descriptionLevel: Sensitivity) => ({
    format: 'stakeholder-atlas',
    version: 1,
    nodes: [
      {
        label: 'Actor',
        id: 'actor-txt-monitors',
        properties: {
          name: 'Lake Monitors Network',
          kind: 'civil-society',
          level: 'local',
          description: 'Local network; sends the Lake Basin Commission its incident data every week.',
          sensitivity: descriptionLevel,
        },
      },
      {
        label: 'Actor',
        id: 'actor-txt-commission',
        properties: { name: 'Lake Basin Commission', kind: 'regional-organization', level: 'regional', description: 'A commission.' },
      },
    ],
    relationships: [
      { type: 'PROVIDES_DATA_TO', from: 'actor-txt-monitors', to: 'actor-txt-commission', properties: { sensitivity: 'AMBER' } },
    ],
  });

  it('rejects a CLEAR description stating an AMBER data feed, naming the field, and writes nothing', async () => {
    const res = await importJson(doc('CLEAR'));
    expect(res.status).toBe(400);
    const errors = res.body.errors as { field: string; message: string }[];
    expect(errors).toHaveLength(1);
    expect(errors[0]?.field).toMatch(/^import\.json:\d+:nodes\[0\]\(actor-txt-monitors\)\.properties\.description$/);
    expect(errors[0]?.message).toMatch(/states a AMBER fact \(PROVIDES_DATA_TO from Lake Monitors Network to Lake Basin Commission\)/);
    await request(app).get('/api/entities/Actor/actor-txt-monitors').expect(404);
  });

  it('accepts the same text when it is held at the level of the fact', async () => {
    const res = await importJson(doc('AMBER'));
    expect(res.status, JSON.stringify(res.body)).toBeLessThan(300);
    await request(app).get('/api/entities/Actor/actor-txt-monitors').expect(200);
  });

  // The first pass keeps no names of CLEAR nodes; the names of the CLEAR ends of a relationship
  // above CLEAR are read again from the file's node rows, wherever the rows are.
  const clearEnds = (relationshipsFirst: boolean) => {
    const nodes = [
      {
        label: 'Actor',
        id: 'actor-txt-sentinels',
        properties: { name: 'Delta Sentinel Network', acronym: 'DSN', kind: 'civil-society', level: 'local', description: 'A network.' },
      },
      {
        label: 'Actor',
        id: 'actor-txt-authority',
        properties: {
          name: 'Upper Delta Authority',
          acronym: 'UDA',
          aliases: ['the Basin Authority of the Delta'],
          kind: 'regional-organization',
          level: 'regional',
          description: 'An authority.',
        },
      },
      {
        label: 'Actor',
        id: 'actor-txt-observers',
        properties: {
          name: 'Delta Observers',
          kind: 'civil-society',
          level: 'local',
          description: 'Observers say DSN sends UDA its incident data.',
        },
      },
      {
        label: 'Actor',
        id: 'actor-txt-watch',
        properties: {
          name: 'Riverside Watch',
          aliases: ['the Delta Sentinel Network partner that provides the Basin Authority of the Delta'],
          kind: 'civil-society',
          level: 'local',
          description: 'A watch; dsn and uda share no data here: acronyms match only in capitals.',
        },
      },
    ];
    const relationships = [
      { type: 'PROVIDES_DATA_TO', from: 'actor-txt-sentinels', to: 'actor-txt-authority', properties: { sensitivity: 'AMBER' } },
    ];
    return relationshipsFirst
      ? { format: 'stakeholder-atlas', version: 1, relationships, nodes }
      : { format: 'stakeholder-atlas', version: 1, nodes, relationships };
  };

  it.each([
    ['nodes first', false],
    ['relationships first', true],
  ])(
    "finds a CLEAR end's name, acronym and alias in a CLEAR text of another node (%s), and writes nothing",
    async (_, relationshipsFirst) => {
      const res = await importJson(clearEnds(relationshipsFirst));
      expect(res.status).toBe(400);
      const errors = res.body.errors as { field: string; message: string }[];
      const fact = 'states a AMBER fact (PROVIDES_DATA_TO from Delta Sentinel Network to Upper Delta Authority) at a lower level';
      expect(errors.map((e) => [e.field.replace(/^import\.json:\d+:/, ''), e.message.split(':')[0]])).toEqual([
        ['nodes[2](actor-txt-observers).properties.description', fact],
        ['nodes[3](actor-txt-watch).properties.aliases.0', fact],
      ]);
      await request(app).get('/api/entities/Actor/actor-txt-sentinels').expect(404);
      await request(app).get('/api/entities/Actor/actor-txt-observers').expect(404);
    },
  );

  it('counts a CLEAR relationship to a RED node only the database holds as a RED fact: a CLEAR text quoting it is refused', async () => {
    const quote = 'the two networks agreed to exchange field reports every week';
    await request(app)
      .post('/api/entities/Actor')
      .send({
        id: 'actor-txt-hidden-circle',
        name: 'Hidden Circle',
        kind: 'civil-society',
        level: 'local',
        description: 'd',
        sensitivity: 'RED',
      })
      .expect(201);
    const file = (description: string) => ({
      format: 'stakeholder-atlas',
      version: 1,
      nodes: [
        {
          label: 'Actor',
          id: 'actor-txt-yarrow',
          properties: { name: 'Yarrow Network', kind: 'civil-society', level: 'local', description: 'd' },
        },
        {
          label: 'Actor',
          id: 'actor-txt-zinnia',
          properties: { name: 'Zinnia Watch', kind: 'civil-society', level: 'local', description },
        },
      ],
      relationships: [
        {
          type: 'DIALOGUE_WITH',
          from: 'actor-txt-yarrow',
          to: 'actor-txt-hidden-circle',
          properties: { sensitivity: 'CLEAR', sourceIds: ['src-note-2019'], quotes: [quote] },
        },
      ],
    });
    const refused = await importJson(file(`They say ${quote}.`));
    expect(refused.status).toBe(400);
    const errors = refused.body.errors as { field: string; message: string }[];
    expect(errors.map((e) => [e.field.replace(/^import\.json:\d+:/, ''), e.message.split(':')[0]])).toEqual([
      [
        'nodes[1](actor-txt-zinnia).properties.description',
        'quotes the evidence of a RED fact (DIALOGUE_WITH from Yarrow Network to actor-txt-hidden-circle) at a lower level',
      ],
    ]);
    await request(app).get('/api/entities/Actor/actor-txt-yarrow').expect(404);
    const accepted = await importJson(file('A watch.'));
    expect(accepted.status, JSON.stringify(accepted.body)).toBeLessThan(300);
  });
});
