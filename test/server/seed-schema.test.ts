// The YAML seed: parses, is internally consistent, quotes the note verbatim, reports every
// problem of a broken copy with file, index, line and field, and holds the key facts. No database.
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  ACTOR_KINDS,
  DEFAULT_SEED_DIR,
  isActingActorKind,
  NODE_LABELS,
  NOTE_SOURCE_ID,
  PART_KINDS,
  REL_ENDPOINTS,
  REL_TYPES,
  readSeed,
  SENSITIVITY,
  type SeedGraph,
  type SeedIssue,
  type SeedNode,
  SeedValidationError,
} from '../../seed/src/index.js';

const repoRoot = fileURLToPath(new URL('../../', import.meta.url));
// A copy of the source note lives beside the seed, so the check runs on any checkout.
const notePath = join(repoRoot, 'seed', 'documents', 'regional-peacebuilding-partnerships-note.txt');
const seedDir = join(repoRoot, 'seed', 'data');

let graph: SeedGraph;
let nodeById: Map<string, SeedNode>;

beforeAll(async () => {
  graph = await readSeed();
  nodeById = new Map(graph.nodes.map((n) => [n.id, n]));
});

const rels = (type: string, from?: string, to?: string) =>
  graph.relationships.filter((r) => r.type === type && (from === undefined || r.from === from) && (to === undefined || r.to === to));

/** Members of an organization on a date (validFrom inclusive, validTo exclusive). */
function membersOn(org: string, date: string): string[] {
  return rels('MEMBER_OF', undefined, org)
    .filter((r) => {
      const from = r.properties.validFrom as string | undefined;
      const to = r.properties.validTo as string | undefined;
      return (from === undefined || from <= date) && (to === undefined || date < to);
    })
    .map((r) => nodeById.get(r.from)?.properties.countryIso2 as string)
    .sort();
}

describe('the real seed', () => {
  it('parses from the default directory, which is seed/data', async () => {
    expect(DEFAULT_SEED_DIR).toBe(join(repoRoot, 'seed', 'data'));
    expect(graph.nodes.length).toBeGreaterThan(300);
    expect(graph.relationships.length).toBeGreaterThan(500);
  });

  it('has sane counts per label and type', () => {
    const count = (label: string) => graph.nodes.filter((n) => n.label === label).length;
    for (const label of NODE_LABELS) expect(count(label), label).toBeGreaterThan(0);
    const seeded = graph.nodes.filter((n) => n.label === 'Actor' && n.properties.kind !== 'member-state');
    expect(seeded.length).toBeGreaterThanOrEqual(30);
    expect(count('Region')).toBeGreaterThanOrEqual(120);
    expect(count('Threat')).toBeGreaterThanOrEqual(8);
    // AU 55 + ECOWAS 16 (15 and Mauritania until 2000) + OAS 35 + ASEAN 11 + CARICOM 15 + PIF 18
    expect(rels('MEMBER_OF').length).toBe(150);
    expect(rels('MEMBER_OF', undefined, 'actor-au').length).toBe(55);
    expect(rels('MEMBER_OF', undefined, 'actor-oas').length).toBe(35);
    expect(rels('MEMBER_OF', undefined, 'actor-pif').length).toBe(18);
    expect(rels('MEMBER_OF', undefined, 'actor-caricom').length).toBe(15);
    for (const type of [
      'PART_OF',
      'HAS_MANDATE',
      'COVERS',
      'APPLIES_IN',
      'OPERATES_IN',
      'PARTY_TO',
      'PARTICIPATES_IN',
      'TARGETS',
      'SPANS',
      'AFFECTS',
    ]) {
      expect(rels(type).length, type).toBeGreaterThan(0);
    }
  });

  it('is consistent: unique ids, known endpoints with the right labels, valid enums', () => {
    const ids = graph.nodes.map((n) => n.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const r of graph.relationships) {
      expect(REL_TYPES).toContain(r.type);
      const from = nodeById.get(r.from);
      const to = nodeById.get(r.to);
      expect(from, `${r.type} ${r.from}`).toBeDefined();
      expect(to, `${r.type} ${r.to}`).toBeDefined();
      expect(REL_ENDPOINTS[r.type].from).toContain(from?.label);
      expect(REL_ENDPOINTS[r.type].to).toContain(to?.label);
      expect(SENSITIVITY).toContain(r.properties.sensitivity);
    }
    for (const n of graph.nodes) {
      expect(SENSITIVITY).toContain(n.properties.sensitivity);
      expect(typeof n.properties.name).toBe('string');
      if (n.label === 'Actor') expect(ACTOR_KINDS).toContain(n.properties.kind);
    }
  });

  it('gives every node and relationship a source, and a quote where the format requires one', () => {
    const quoted = (p: Record<string, unknown>) => (p.quotes as string[]).some((q) => q.length > 0);
    for (const n of graph.nodes) {
      const p = n.properties;
      expect((p.sourceIds as string[]).length === (p.quotes as string[]).length).toBe(true);
      if (n.label === 'Source') continue;
      expect((p.sourceIds as string[]).length, n.id).toBeGreaterThan(0);
      for (const s of p.sourceIds as string[]) expect(nodeById.get(s)?.label).toBe('Source');
      const quoteRequired = ['Actor', 'Mandate', 'Agreement', 'Initiative'].includes(n.label) && !p.generated;
      if (quoteRequired) expect(quoted(p), n.id).toBe(true);
    }
    for (const r of graph.relationships) {
      expect((r.properties.sourceIds as string[]).length, `${r.type} ${r.from} ${r.to}`).toBeGreaterThan(0);
    }
    const authored = graph.relationships.filter((r) => !r.properties.generated && r.type !== 'PART_OF' && r.type !== 'SUBTYPE_OF');
    for (const r of authored) expect(quoted(r.properties), `${r.type} ${r.from} ${r.to}`).toBe(true);
  });

  it('quotes the meeting note verbatim (every quote attributed to it is a substring of the note)', async () => {
    const note = await readFile(notePath, 'utf8');
    const checked: string[] = [];
    const check = (owner: string, p: Record<string, unknown>) => {
      (p.sourceIds as string[]).forEach((id, i) => {
        const quote = (p.quotes as string[])[i] ?? '';
        if (id !== NOTE_SOURCE_ID || quote === '') return;
        checked.push(quote);
        expect(note.includes(quote), `${owner}: "${quote}"`).toBe(true);
      });
    };
    for (const n of graph.nodes) check(n.id, n.properties);
    for (const r of graph.relationships) check(`${r.type} ${r.from}->${r.to}`, r.properties);
    expect(checked.length).toBeGreaterThan(150);
  });

  it('uses distinct, well-formed ISO codes and gives every member state a country', () => {
    const countries = graph.nodes.filter((n) => n.label === 'Region' && n.properties.kind === 'country');
    const iso2 = countries.map((c) => c.properties.iso2 as string);
    const iso3 = countries.map((c) => c.properties.iso3 as string);
    expect(new Set(iso2).size).toBe(iso2.length);
    expect(new Set(iso3).size).toBe(iso3.length);
    const byIso2 = new Map(countries.map((c) => [c.properties.iso2, c]));
    expect(byIso2.get('BF')?.properties.iso3).toBe('BFA');
    expect(byIso2.get('CF')?.properties.iso3).toBe('CAF');
    expect(byIso2.get('NU')?.properties.unMember).toBe(false);
    const bfParents = rels('PART_OF', 'country-bf')
      .map((r) => r.to)
      .sort();
    expect(bfParents).toEqual(['region-sahel', 'region-west-africa']);
    for (const s of graph.nodes.filter((n) => n.properties.kind === 'member-state')) {
      expect(rels('OPERATES_IN', s.id).map((r) => r.to)).toEqual([`country-${(s.properties.countryIso2 as string).toLowerCase()}`]);
    }
  });
});

describe('key facts', () => {
  it('WANEP provides ECOWAS with data weekly and monthly (GREEN: a civil-society data feed)', () => {
    const [feed, ...more] = rels('PROVIDES_DATA_TO', 'actor-wanep', 'actor-ecowas');
    expect(more).toHaveLength(0);
    expect(feed?.properties.frequency).toBe('weekly and monthly');
    expect(feed?.properties.sensitivity).toBe('GREEN');
    expect(feed?.properties.sourceIds).toEqual([NOTE_SOURCE_ID]);
  });

  it('PBSO is party to two MoUs, one with the AU and one with ECOWAS', () => {
    const mous = rels('PARTY_TO', 'actor-pbso')
      .map((r) => r.to)
      .sort();
    expect(mous).toEqual(['agreement-pbso-au-mou', 'agreement-pbso-ecowas-mou']);
    expect(rels('PARTY_TO', 'actor-au', 'agreement-pbso-au-mou')).toHaveLength(1);
    expect(rels('PARTY_TO', 'actor-ecowas', 'agreement-pbso-ecowas-mou')).toHaveLength(1);
  });

  it('the OAS lacks a conflict prevention mandate but is present (and constrained) in Venezuela and Nicaragua', () => {
    const [lack] = rels('LACKS_MANDATE', 'actor-oas');
    expect(lack).toBeDefined();
    const mandate = nodeById.get(lack?.to ?? '');
    expect(mandate?.label).toBe('Mandate');
    expect(mandate?.properties.functions).toContain('prevention');
    expect(String(mandate?.properties.name)).toMatch(/conflict prevention/i);
    expect(rels('HAS_MANDATE', 'actor-oas', mandate?.id)).toHaveLength(0);
    for (const c of ['country-ve', 'country-ni']) {
      expect(rels('OPERATES_IN', 'actor-oas', c)).toHaveLength(1);
      expect(rels('CONSTRAINED_IN', 'actor-oas', c)).toHaveLength(1);
    }
    expect(rels('CONSTRAINED_IN', 'actor-asean', 'country-mm')[0]?.properties.reason).toBe('geopolitics');
  });

  it('ECOWAS included Burkina Faso, Mali and Niger on 2024-06-01 but not on 2025-06-01', () => {
    const before = membersOn('actor-ecowas', '2024-06-01');
    const after = membersOn('actor-ecowas', '2025-06-01');
    expect(before).toHaveLength(15);
    expect(before).toEqual(expect.arrayContaining(['BF', 'ML', 'NE']));
    expect(after).toHaveLength(12);
    for (const iso2 of ['BF', 'ML', 'NE']) expect(after).not.toContain(iso2);
    expect(membersOn('actor-oas', '2024-01-01')).not.toContain('NI');
    expect(membersOn('actor-oas', '2019-01-01')).toContain('NI');
  });

  it('Mauritania was in ECOWAS until its withdrawal took effect in December 2000', () => {
    expect(membersOn('actor-ecowas', '2000-06-01')).toContain('MR');
    expect(membersOn('actor-ecowas', '2001-01-01')).not.toContain('MR');
    expect(membersOn('actor-ecowas', '2019-09-24')).not.toContain('MR');
    expect(membersOn('actor-oas', '2023-11-18')).toContain('NI');
    expect(membersOn('actor-oas', '2023-11-19')).not.toContain('NI');
    expect(membersOn('actor-ecowas', '2025-01-28')).toEqual(expect.arrayContaining(['BF', 'ML', 'NE']));
    expect(membersOn('actor-ecowas', '2025-01-29')).not.toContain('BF');
  });

  it('marks organs (PART_OF partKind organ) apart from components of a framework, and APSA as a framework', () => {
    const actorParts = rels('PART_OF').filter((r) => nodeById.get(r.from)?.label === 'Actor');
    for (const r of actorParts) expect(PART_KINDS, `${r.from} -> ${r.to}`).toContain(r.properties.partKind);
    const partKind = (from: string, to: string) => rels('PART_OF', from, to)[0]?.properties.partKind;
    expect(partKind('actor-au-psc', 'actor-au')).toBe('organ');
    expect(partKind('actor-pbso', 'actor-dppa')).toBe('organ');
    expect(partKind('actor-femwise-africa', 'actor-au')).toBe('organ');
    expect(partKind('actor-ecowas', 'actor-apsa')).toBe('component');
    expect(isActingActorKind(String(nodeById.get('actor-apsa')?.properties.kind))).toBe(false);
    expect(isActingActorKind(String(nodeById.get('actor-au-psc')?.properties.kind))).toBe(true);
    expect(nodeById.get('mandate-ecowas-conflict-prevention')?.properties.reach).toBe('membership');
    expect(nodeById.get('mandate-pbso')?.properties.reach).toBe('stated');
  });

  it('says what the note says: PBSO-supported efforts, agreements and threats, IFIs, judiciaries, local actors, humanitarian partnerships', () => {
    for (const init of ['init-peacebuilding-burkina-faso', 'init-peacebuilding-burundi', 'init-peacebuilding-car']) {
      expect(rels('TARGETS', init, 'threat-armed-conflict'), init).toHaveLength(1);
    }
    for (const agreement of ['agreement-pbso-au-mou', 'agreement-pbso-ecowas-mou', 'agreement-ecowas-wanep-partnership']) {
      expect(rels('TARGETS', agreement).length, agreement).toBeGreaterThan(0);
    }
    const ifiPartners = rels('PARTICIPATES_IN', undefined, 'init-un-ifi-partnerships').map((r) => `${r.from}:${r.properties.role}`);
    expect(ifiPartners.sort()).toEqual(['actor-afdb:partner', 'actor-un:lead', 'actor-world-bank:partner']);
    expect(
      rels('PARTY_TO', undefined, 'agreement-un-world-bank-framework')
        .map((r) => r.from)
        .sort(),
    ).toEqual(['actor-un', 'actor-world-bank']);
    const implementers = rels('PARTICIPATES_IN', undefined, 'init-oas-judicial-facilitators').filter(
      (r) => r.properties.role === 'implementer',
    );
    expect(implementers.map((r) => nodeById.get(r.from)?.properties.countryIso2).sort()).toEqual([
      'AR',
      'CO',
      'GT',
      'HN',
      'NI',
      'PA',
      'PY',
    ]);
    for (const [iso2, init] of [
      ['bd', 'init-pve-bangladesh'],
      ['tj', 'init-pve-tajikistan'],
      ['tn', 'init-pve-tunisia'],
    ] as const) {
      expect(rels('PARTICIPATES_IN', `actor-local-pve-actors-${iso2}`, init)).toHaveLength(1);
      expect(nodeById.get(`actor-local-pve-actors-${iso2}`)?.properties.countryIso2).toBe(iso2.toUpperCase());
    }
    expect(rels('TARGETS', 'init-regional-cso-humanitarian-partnerships', 'threat-humanitarian-crisis')).toHaveLength(1);
  });

  it('the DPA was succeeded by DPPA on 2019-01-01, into which PBSO was integrated', () => {
    expect(rels('SUCCEEDED_BY', 'actor-dpa', 'actor-dppa')[0]?.properties.validFrom).toBe('2019-01-01');
    expect(rels('PART_OF', 'actor-pbso', 'actor-dppa')[0]?.properties.validFrom).toBe('2019-01-01');
    expect(nodeById.get('actor-dpa')?.properties.validTo).toBe('2019-01-01');
    expect(rels('DIALOGUE_WITH', 'actor-pbc', 'actor-au-psc')[0]?.properties.frequency).toBe('annual');
    expect(rels('ESTABLISHED', 'actor-au-assembly', 'actor-femwise-africa')).toHaveLength(1);
    expect(rels('PART_OF', 'actor-femwise-africa', 'actor-apsa')).toHaveLength(1);
  });

  it('the OAS Judicial Facilitators Programme spans the seven countries of the note', () => {
    expect(rels('PARTICIPATES_IN', 'actor-oas', 'init-oas-judicial-facilitators')[0]?.properties.role).toBe('lead');
    const spans = rels('SPANS', 'init-oas-judicial-facilitators')
      .map((r) => r.to)
      .sort();
    expect(spans).toEqual(['country-ar', 'country-co', 'country-gt', 'country-hn', 'country-ni', 'country-pa', 'country-py']);
    expect(nodeById.get('init-oas-judicial-facilitators')?.properties.started).toBe('2007-01-01');
  });
});

describe('a broken copy of the seed', () => {
  let dir: string;
  let error: SeedValidationError;
  const appended: Record<string, { index: number; firstLine: number }> = {};

  /** Append YAML records to a copied file; remember the index and first line of the first one. */
  async function append(file: string, text: string) {
    const path = join(dir, file);
    const original = await readFile(path, 'utf8');
    const body = original.endsWith('\n') ? original : `${original}\n`;
    const index = (await readSeedRecords(path)).length;
    appended[file] = { index, firstLine: body.split('\n').length };
    await writeFile(path, body + text);
  }

  async function readSeedRecords(path: string): Promise<unknown[]> {
    const { parse } = await import('yaml');
    return parse(await readFile(path, 'utf8')) as unknown[];
  }

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'atlas-seed-'));
    await cp(seedDir, dir, { recursive: true });
    // 1. a relationship to an id that does not exist
    await append(
      'relationships.yaml',
      [
        '- type: OPERATES_IN',
        '  from: actor-wanep',
        '  to: region-atlantis',
        '  sources:',
        "    - { id: src-note-2019, quote: 'WANEP' }",
        '',
      ].join('\n'),
    );
    // 2. a bad sensitivity
    await append(
      'actors.yaml',
      [
        '- id: actor-broken',
        '  name: Broken actor',
        '  kind: civil-society',
        '  level: local',
        '  description: test',
        '  sensitivity: PURPLE',
        '  sources:',
        "    - { id: src-note-2019, quote: 'WANEP' }",
        '',
      ].join('\n'),
    );
    // 3. a bad date
    await append(
      'initiatives.yaml',
      [
        '- id: init-broken',
        '  name: Broken initiative',
        '  kind: programme',
        "  started: '2019-13-45'",
        '  description: test',
        '  sources:',
        "    - { id: src-note-2019, quote: 'WANEP' }",
        '',
      ].join('\n'),
    );
    try {
      await readSeed(dir);
    } catch (e) {
      error = e as SeedValidationError;
    }
  });

  afterAll(async () => {
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  const find = (pred: (i: SeedIssue) => boolean) => error.issues.find(pred);

  it('throws a SeedValidationError that lists all the problems', () => {
    expect(error).toBeInstanceOf(SeedValidationError);
    expect(error.issues).toHaveLength(3);
    expect(error.message).toMatch(/3 problem/);
  });

  it('names the file, record index, line and field of the missing reference', () => {
    const at = appended['relationships.yaml'];
    const issue = find((i) => i.file === 'relationships.yaml');
    expect(issue).toMatchObject({ index: at?.index, line: (at?.firstLine ?? 0) + 2, path: 'to' });
    expect(issue?.message).toMatch(/region-atlantis/);
  });

  it('names the file, record index, line and field of the bad sensitivity', () => {
    const at = appended['actors.yaml'];
    const issue = find((i) => i.file === 'actors.yaml');
    expect(issue).toMatchObject({ index: at?.index, line: (at?.firstLine ?? 0) + 5, path: 'sensitivity' });
  });

  it('names the file, record index, line and field of the bad date', () => {
    const at = appended['initiatives.yaml'];
    const issue = find((i) => i.file === 'initiatives.yaml');
    expect(issue).toMatchObject({ index: at?.index, line: (at?.firstLine ?? 0) + 3, path: 'started' });
    expect(issue?.message).toMatch(/YYYY-MM-DD/);
  });

  it('also catches wrong labels, duplicate ids, reversed dates and unknown member countries', async () => {
    const dir2 = await mkdtemp(join(tmpdir(), 'atlas-seed-'));
    try {
      await cp(seedDir, dir2, { recursive: true });
      const add = async (file: string, text: string) => {
        const path = join(dir2, file);
        await writeFile(path, `${await readFile(path, 'utf8')}\n${text}`);
      };
      await add(
        'relationships.yaml',
        [
          "- { type: HAS_MANDATE, from: actor-oas, to: threat-armed-conflict, sources: [{ id: src-note-2019, quote: 'OAS' }] }",
          "- { type: PART_OF, from: actor-pbso, to: actor-dppa, validFrom: '2020-01-01', validTo: '2019-01-01', sources: [{ id: src-note-2019, quote: 'PBSO' }] }",
          '',
        ].join('\n'),
      );
      await add('threats.yaml', '- { id: threat-armed-conflict, name: dup, description: dup, sources: [{ id: src-note-2019 }] }\n');
      await add(
        'memberships.yaml',
        "- { organization: actor-gppac, asOf: '2025-01-01', source: { id: src-list-au }, members: [{ iso2: QQ }] }\n",
      );
      const err = await readSeed(dir2).then(
        () => undefined,
        (e: unknown) => e,
      );
      expect(err).toBeInstanceOf(SeedValidationError);
      const messages = (err as SeedValidationError).issues.map((i) => `${i.file} ${i.path}: ${i.message}`);
      expect(messages).toEqual(
        expect.arrayContaining([
          expect.stringMatching(/relationships\.yaml to: 'threat-armed-conflict' is a Threat, expected Mandate/),
          expect.stringMatching(/relationships\.yaml validTo: validFrom 2020-01-01 is after validTo 2019-01-01/),
          expect.stringMatching(/threats\.yaml id: duplicate id 'threat-armed-conflict' \(first defined in threats\.yaml\[0\]\)/),
          expect.stringMatching(/memberships\.yaml members\.0\.iso2: no country .*QQ/),
        ]),
      );
    } finally {
      await rm(dir2, { recursive: true, force: true });
    }
  });
});
