// No contradiction at any clearance: a text visible at a level must not state a fact held at a
// higher level. The rule on tiny hand-made graphs (fires where it should and nowhere else), and
// the seed reader rejecting a copy of the seed that re-introduces WANEP's old description.
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import {
  type CheckedNode,
  type CheckedRelationship,
  findTextLeaks,
  readSeed,
  SeedValidationError,
  type Sensitivity,
} from '../../seed/src/index.js';

const FEED_QUOTE = 'Through an early-warning system, WANEP provides ECOWAS with data and analyses on conflict indicators and risks.';

function actor(id: string, name: string, acronym: string, description: string, sensitivity: Sensitivity = 'CLEAR'): CheckedNode {
  return { label: 'Actor', id, properties: { id, name, acronym, aliases: [], description, sensitivity, sourceIds: [], quotes: [] } };
}

function rel(
  type: CheckedRelationship['type'],
  from: string,
  to: string,
  sensitivity: Sensitivity,
  quotes: string[] = [],
): CheckedRelationship {
  return { type, from, to, properties: { sensitivity, sourceIds: quotes.map(() => 'src'), quotes } };
}

const wanep = (description: string, sensitivity: Sensitivity = 'CLEAR') =>
  actor('actor-wanep', 'West Africa Network for Peacebuilding', 'WANEP', description, sensitivity);
const ecowas = (description = 'West African regional economic community.') =>
  actor('actor-ecowas', 'Economic Community of West African States', 'ECOWAS', description);
const feed = (sensitivity: Sensitivity = 'GREEN') => rel('PROVIDES_DATA_TO', 'actor-wanep', 'actor-ecowas', sensitivity, [FEED_QUOTE]);

const leaksOf = (nodes: CheckedNode[], relationships: CheckedRelationship[]) =>
  findTextLeaks({ nodes, relationships }).map((l) => `${l.element.kind === 'node' ? l.element.id : `rel#${l.element.index}`} ${l.field}`);

describe('the text-consistency rule', () => {
  it("flags a CLEAR description that states a GREEN data feed between the owner and a named actor (WANEP's old description)", () => {
    const leaks = leaksOf(
      [wanep('Civil-society network; provides ECOWAS with early-warning data weekly and monthly.'), ecowas()],
      [feed()],
    );
    expect(leaks).toEqual(['actor-wanep description']);
  });

  it('flags the other end saying it too, and any CLEAR element quoting the evidence of the GREEN fact', () => {
    const mandate: CheckedNode = {
      label: 'Mandate',
      id: 'mandate-x',
      properties: {
        id: 'mandate-x',
        name: 'Early-warning role',
        description: 'x',
        sensitivity: 'CLEAR',
        sourceIds: ['src'],
        quotes: [FEED_QUOTE],
      },
    };
    const leaks = leaksOf([wanep('Network.'), ecowas("Receives WANEP's data and analyses."), mandate], [feed()]);
    expect(leaks.sort()).toEqual(['actor-ecowas description', 'mandate-x quotes.0']);
  });

  it('says nothing when the text is at the level of the fact, or the fact is CLEAR', () => {
    const text = 'Civil-society network; provides ECOWAS with early-warning data.';
    expect(leaksOf([wanep(text, 'GREEN'), ecowas()], [feed()])).toEqual([]);
    expect(leaksOf([wanep(text), ecowas()], [feed('CLEAR')])).toEqual([]);
  });

  it('does not read a restricted fact into a text that only names both ends with other words', () => {
    const leaks = leaksOf([wanep('Partner of ECOWAS for conflict prevention since 2002.'), ecowas()], [feed()]);
    expect(leaks).toEqual([]);
  });

  it("counts a relationship's level as the highest of itself and its ends", () => {
    const hiddenEnd = wanep('Network.', 'AMBER');
    const clearFeed = rel('PROVIDES_DATA_TO', 'actor-wanep', 'actor-ecowas', 'CLEAR', [FEED_QUOTE]);
    const leaks = leaksOf([hiddenEnd, ecowas('Gets data from the West Africa Network for Peacebuilding.')], [clearFeed]);
    // The description both names an AMBER actor and states the (effectively AMBER) feed; one problem per field.
    expect(leaks).toEqual(['actor-ecowas description']);
  });

  it('flags a lower text naming a restricted node, by acronym (case-sensitive) or name, but not the node itself', () => {
    const secret = actor('actor-secret', 'Quiet Monitors Collective', 'QMC', 'Monitors.', 'RED');
    const named = leaksOf([secret, ecowas('Works with QMC.')], []);
    expect(named).toEqual(['actor-ecowas description']);
    expect(leaksOf([secret, ecowas('Works with qmc-style tools.')], [])).toEqual([]);
    expect(leaksOf([secret, ecowas('Works with the quiet monitors collective.')], [])).toEqual(['actor-ecowas description']);
  });

  it("flags a relationship's quote that states another restricted fact between the same ends", () => {
    const party = rel('DIALOGUE_WITH', 'actor-wanep', 'actor-ecowas', 'CLEAR', ['WANEP shares data with ECOWAS every week.']);
    expect(leaksOf([wanep('Network.'), ecowas()], [feed(), party])).toEqual(['rel#1 quotes.0']);
  });
});

describe('the seed reader', () => {
  const seedDir = fileURLToPath(new URL('../../seed/data/', import.meta.url));
  let dir: string | undefined;
  afterAll(async () => {
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('accepts the seed, in which no CLEAR text states the GREEN WANEP-to-ECOWAS data feed', async () => {
    await expect(readSeed()).resolves.toBeDefined();
  });

  it("rejects a copy of the seed with WANEP's old description, naming file, line and field", async () => {
    dir = await mkdtemp(join(tmpdir(), 'atlas-text-'));
    await cp(seedDir, dir, { recursive: true });
    const path = join(dir, 'actors.yaml');
    const text = await readFile(path, 'utf8');
    const current = 'partner of ECOWAS for conflict prevention since 2002, and runs';
    expect(text).toContain(current);
    await writeFile(path, text.replace(current, 'provides ECOWAS with early-warning data and analyses weekly and monthly, and runs'));
    const error = await readSeed(dir).then(
      () => null,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(SeedValidationError);
    const issues = (error as SeedValidationError).issues;
    expect(issues).toHaveLength(1);
    const lineOfDescription = text.split('\n').findIndex((l) => l.includes(current)) + 1;
    expect(issues[0]).toMatchObject({ file: 'actors.yaml', path: 'description', line: lineOfDescription });
    expect(issues[0]?.message).toMatch(/GREEN fact \(PROVIDES_DATA_TO from West Africa Network for Peacebuilding to Economic Community/);
  });
});
