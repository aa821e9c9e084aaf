import { describe, expect, it } from 'vitest';
import { longFormFor } from '../../server/src/features/documents/extract/entities.js';
import type { NamedEntry } from '../../server/src/features/documents/extract/gazetteer.js';
import { proposeFacts } from '../../server/src/features/documents/extract/propose.js';
import { editDistance, sentences, statedDates } from '../../server/src/features/documents/extract/text.js';

/** A small graph the extractor knows: two actors, a country, a region and a threat. */
const graph: NamedEntry[] = [
  { key: 'actor-ecowas', label: 'Actor', name: 'Economic Community of West African States', acronym: 'ECOWAS', aliases: [], known: true },
  { key: 'actor-wanep', label: 'Actor', name: 'West Africa Network for Peacebuilding', acronym: 'WANEP', aliases: [], known: true },
  { key: 'country-ml', label: 'Region', name: 'Mali', aliases: [], iso2: 'ML', kind: 'country', known: true },
  { key: 'state-ml', label: 'Actor', name: 'Mali', aliases: [], known: true },
  { key: 'region-west-africa', label: 'Region', name: 'West Africa', aliases: [], kind: 'subregion', known: true },
  {
    key: 'threat-election-related-violence',
    label: 'Threat',
    name: 'Election-related violence',
    aliases: ['electoral violence'],
    known: true,
  },
  { key: 'threat-restriction-of-civic-space', label: 'Threat', name: 'Restriction of civic space', aliases: [], known: true },
];

const extract = (text: string) => proposeFacts(text, graph);
const keys = (text: string) => extract(text).entities.map((e) => e.key);
const rels = (text: string) => extract(text).relationships.map((r) => `${r.type} ${r.from} ${r.to}`);

describe('text helpers', () => {
  it('splits sentences but not at abbreviations, initials or inside a list item', () => {
    const s = sentences('Met in Washington D.C. on Monday. The U.N. spoke, e.g. on Mali.\n\n- item one. Item two');
    expect(s.map((x) => x.text)).toEqual(['Met in Washington D.C. on Monday.', 'The U.N. spoke, e.g. on Mali.', '- item one.', 'Item two']);
  });

  it('reads stated dates in their usual English forms, and not bare numbers', () => {
    expect(statedDates('On September 24, 2019, and 19-20 September 2019; it began in 2007. In March 2020.').map((d) => d.iso)).toEqual([
      '2019-09-24',
      '2019-09-19',
      '2007-01-01',
      '2020-03-01',
    ]);
    expect(statedDates('Resolution 2282 and 1,500 people')).toEqual([]);
  });

  it('measures edit distance with transpositions', () => {
    expect(editDistance('west african network', 'west africa network', 3)).toBe(1);
    expect(editDistance('ab', 'ba', 3)).toBe(1);
  });
});

describe('entities', () => {
  it('resolves names, acronyms and close spellings to graph ids', () => {
    expect(keys('ECOWAS met the West African Network for Peacebuilding.')).toEqual(['actor-ecowas', 'actor-wanep']);
  });

  it('does not take an English word or a lower-case acronym for a name', () => {
    expect(keys('The ecowas of old and the economic community were discussed.')).toEqual([]);
  });

  it('defines a new actor from "Full Name (ACRONYM)", and finds the acronym later', () => {
    const x = extract('The Sahel Peace Collective (SPC) was founded. Later the SPC grew.');
    const spc = x.entities.find((e) => e.name === 'Sahel Peace Collective');
    expect(spc).toMatchObject({ status: 'new', label: 'Actor', acronym: 'SPC', mentions: 2 });
  });

  it('finds the long form by the letters of the acronym (Schwartz-Hearst), not by a capitalised run', () => {
    expect(longFormFor('OAS', 'together with the Organization of American States')).toBe('Organization of American States');
    expect(longFormFor('WANEP', 'between ECOWAS and the West African Network for Peacebuilding')).toBe(
      'West African Network for Peacebuilding',
    );
    expect(longFormFor('XYZ', 'a note about nothing in particular')).toBeUndefined();
  });

  it('proposes organisation names by their head noun, and splits coordinated names', () => {
    const names = extract('Partners include the World Bank and the African Development Bank.').entities.map((e) => e.name);
    expect(names).toEqual(expect.arrayContaining(['World Bank', 'African Development Bank']));
    expect(extract('Partners met in the Great Hall of Nations.').entities.map((e) => e.label)).not.toContain('Initiative');
  });

  it('keeps "Mali" the place after "in", and ambiguous (country or member state) elsewhere', () => {
    const x = extract('Mali spoke. WANEP works in Mali.');
    expect(x.entities.map((e) => e.key)).toEqual(expect.arrayContaining(['ambiguous:mali', 'country-ml']));
    expect(
      x.entities
        .find((e) => e.key === 'ambiguous:mali')
        ?.candidates.map((c) => c.id)
        .sort(),
    ).toEqual(['country-ml', 'state-ml']);
  });

  it('proposes countries the graph lacks from the ISO names', () => {
    expect(extract('Teams travelled to Burkina Faso.').entities.find((e) => e.name === 'Burkina Faso')).toMatchObject({
      status: 'new',
      label: 'Region',
      iso2: 'BF',
    });
  });

  it('matches a threat paraphrased within a sentence, not across sentences', () => {
    expect(keys('Civic space is increasingly being restricted.')).toContain('threat-restriction-of-civic-space');
    expect(keys('Civic groups met. Space was restricted.')).not.toContain('threat-restriction-of-civic-space');
    expect(keys('It monitors electoral violence.')).toContain('threat-election-related-violence');
  });
});

describe('relationships, one rule each, with near misses', () => {
  it('PROVIDES_DATA_TO: "X provides Y with data", with the stated frequency; not without data', () => {
    expect(rels('WANEP provides ECOWAS with data on risks on a weekly basis.')).toContain('PROVIDES_DATA_TO actor-wanep actor-ecowas');
    expect(extract('WANEP provides ECOWAS with data on a weekly basis.').relationships[0]?.properties.frequency).toBe('weekly');
    expect(rels('WANEP provides ECOWAS with meeting rooms.')).not.toContain('PROVIDES_DATA_TO actor-wanep actor-ecowas');
  });

  it('PARTY_TO: "X signed a memorandum of understanding with Y" makes one agreement with both parties; "signed" alone does not', () => {
    const x = extract('WANEP signed a memorandum of understanding with ECOWAS in March 2020.');
    const mou = x.entities.find((e) => e.label === 'Agreement');
    expect(mou?.extra).toMatchObject({ kind: 'mou', signed: '2020-03-01' });
    expect(rels('WANEP signed a memorandum of understanding with ECOWAS.')).toEqual(
      expect.arrayContaining([`PARTY_TO actor-wanep ${mou?.key}`, `PARTY_TO actor-ecowas ${mou?.key}`]),
    );
    expect(rels('WANEP signed the attendance sheet with ECOWAS.').filter((r) => r.startsWith('PARTY_TO'))).toEqual([]);
  });

  it('DIALOGUE_WITH: "engagement with Y through dialogues"; not a dialogue with nobody named', () => {
    expect(rels('WANEP increased its engagement with ECOWAS through annual dialogues.')).toContain(
      'DIALOGUE_WITH actor-wanep actor-ecowas',
    );
    expect(rels('WANEP held dialogues with communities.').filter((r) => r.startsWith('DIALOGUE_WITH'))).toEqual([]);
  });

  it('MEMBER_OF: "X is a member of Y"; not "X met members of Y"', () => {
    expect(rels('WANEP is a member of ECOWAS.')).toContain('MEMBER_OF actor-wanep actor-ecowas');
    expect(rels('WANEP met members of ECOWAS.').filter((r) => r.startsWith('MEMBER_OF'))).toEqual([]);
  });

  it('SUPPORTS: "X supports Y"; not "X supports peacebuilding"', () => {
    expect(rels('WANEP supports ECOWAS.')).toContain('SUPPORTS actor-wanep actor-ecowas');
    expect(rels('WANEP supports peacebuilding across the region.').filter((r) => r.startsWith('SUPPORTS'))).toEqual([]);
  });

  it('OPERATES_IN: "X works in A"; not a place merely named', () => {
    expect(rels('WANEP works in Mali.')).toContain('OPERATES_IN actor-wanep country-ml');
    expect(rels('WANEP wrote a report. Mali is large.')).not.toContain('OPERATES_IN actor-wanep country-ml');
  });

  it('LACKS_MANDATE and HAS_MANDATE: a stated lack, a stated purpose; not the word mandate alone', () => {
    const lack = extract('The lack of a mediation mandate in ECOWAS limits it.');
    expect(lack.relationships.map((r) => r.type)).toContain('LACKS_MANDATE');
    expect(lack.entities.find((e) => e.label === 'Mandate')?.extra).toMatchObject({ functions: ['mediation'] });
    expect(rels('ECOWAS is mandated to prevent conflict in the region.').some((r) => r.startsWith('HAS_MANDATE actor-ecowas'))).toBe(true);
    expect(rels('ECOWAS discussed its mandate.').filter((r) => /MANDATE/.test(r))).toEqual([]);
  });

  it('PARTICIPATES_IN and SPANS: "X has implemented a program to ... in A"; the role from the verb', () => {
    const x = extract('WANEP has implemented a program to monitor electoral violence in Mali.');
    const program = x.entities.find((e) => e.label === 'Initiative');
    expect(program?.name).toBe('Program to monitor electoral violence');
    expect(x.relationships.find((r) => r.type === 'PARTICIPATES_IN')).toMatchObject({
      from: 'actor-wanep',
      to: program?.key,
      properties: { role: 'implementer' },
    });
    expect(x.relationships.find((r) => r.type === 'SPANS')).toMatchObject({ from: program?.key, to: 'country-ml' });
    expect(extract('WANEP has ideas about Mali.').relationships.filter((r) => r.type === 'SPANS')).toEqual([]);
  });

  it("OPERATES_IN from a regional organisation's name", () => {
    expect(rels('The West Africa Network for Peacebuilding met.')).toContain('OPERATES_IN actor-wanep region-west-africa');
  });

  it('a date the sentence states becomes validFrom; "until" does not', () => {
    expect(extract('Since March 2020, WANEP is a member of ECOWAS.').relationships[0]?.properties.validFrom).toBe('2020-03-01');
    expect(extract('Until 2020, WANEP is a member of ECOWAS.').relationships[0]?.properties.validFrom).toBeUndefined();
  });

  it('every relationship quotes its own sentence verbatim', () => {
    const text = 'WANEP is a member of ECOWAS. WANEP works in Mali.';
    for (const r of extract(text).relationships) expect(text).toContain(r.quote);
  });
});
