import { describe, expect, it } from 'vitest';
import { type CitedSource, citeAs, describePath, describeStep, displayName } from '../../server/src/features/paths/sentence.js';

const wanep = { id: 'actor-wanep', name: 'West Africa Network for Peacebuilding', acronym: 'WANEP' };
const ecowas = { id: 'actor-ecowas', name: 'Economic Community of West African States', acronym: 'ECOWAS' };
const mou = { id: 'agreement-pbso-ecowas-mou', name: 'the PBSO–ECOWAS MoU', acronym: null };
const note: CitedSource = {
  id: 'src-note-2019',
  title: 'Building Strategic Partnerships: Meeting Note',
  kind: 'meeting-note',
  quote: 'WANEP provides ECOWAS with data',
};
const protocol: CitedSource = { id: 'src-psc', title: 'Protocol Relating to the PSC: annex', kind: 'treaty', quote: null };

describe('describeStep', () => {
  it('reads a relationship forwards in the active voice, with its qualifiers and the source it rests on', () => {
    expect(describeStep(wanep, ecowas, { type: 'PROVIDES_DATA_TO', forward: true, frequency: 'weekly and monthly' }, [note])).toBe(
      'WANEP provides data to ECOWAS (weekly and monthly, per the note)',
    );
  });

  it('reads a relationship walked backwards in the passive voice', () => {
    expect(describeStep(ecowas, wanep, { type: 'PROVIDES_DATA_TO', forward: false, frequency: 'weekly and monthly' }, [note])).toBe(
      'ECOWAS receives data from WANEP (weekly and monthly, per the note)',
    );
    expect(describeStep(mou, ecowas, { type: 'PARTY_TO', forward: false }, [])).toBe('the PBSO–ECOWAS MoU has ECOWAS as a party');
  });

  it('names a participation role and cites a non-note source by its title up to the colon', () => {
    const ecowarn = { id: 'init-ecowarn', name: 'ECOWAS Early Warning System', acronym: 'ECOWARN' };
    expect(describeStep(wanep, ecowarn, { type: 'PARTICIPATES_IN', forward: true, role: 'data-provider' }, [protocol])).toBe(
      'WANEP takes part in ECOWARN (as data provider, per Protocol Relating to the PSC)',
    );
  });

  it('prefers a source with a quote when citing', () => {
    expect(describeStep(ecowas, mou, { type: 'PARTY_TO', forward: true }, [protocol, note])).toBe(
      'ECOWAS is party to the PBSO–ECOWAS MoU (per the note)',
    );
  });
});

describe('describePath', () => {
  it('joins the steps into one sentence that starts with a capital and ends with a full stop', () => {
    expect(describePath(['the AU is party to the MoU', 'the MoU has PBSO as a party'])).toBe(
      'The AU is party to the MoU; the MoU has PBSO as a party.',
    );
    expect(describePath([])).toBe('');
  });
});

describe('names', () => {
  it('uses the acronym when there is one, else the name', () => {
    expect(displayName(wanep)).toBe('WANEP');
    expect(displayName(mou)).toBe('the PBSO–ECOWAS MoU');
  });

  it('cites the meeting note as "the note"', () => {
    expect(citeAs(note)).toBe('the note');
    expect(citeAs({ id: 's', title: 'No colon here', kind: 'report', quote: null })).toBe('No colon here');
  });
});
