import { render, screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { CompletenessSection } from '../../client/src/features/Completeness/CompletenessSection';
import type { CompletenessResponse } from '../../client/src/features/Completeness/completenessApi';
import { fetchedUrls, json, mockFetch } from './fetchMock';

const answer: CompletenessResponse = {
  region: 'r1',
  threat: 't1',
  asOf: '2026-01-01',
  initiativesWithoutFunding: {
    inScope: 4,
    unknown: 3,
    examples: [
      { id: 'i1', name: 'Peacebuilding in Burkina Faso', label: 'Initiative' },
      { id: 'i2', name: 'ECOWARN', label: 'Initiative' },
    ],
  },
  actorsWithoutPresence: { inScope: 5, unknown: 1, examples: [{ id: 'a1', name: 'PBSO', label: 'Actor', kind: 'un-entity' }] },
  factsWithoutQuote: { inScope: 12, unknown: 0, examples: [] },
};

describe('CompletenessSection', () => {
  it('says what is unknown for the cell, as counts of what is in scope, with the first few and how many more', async () => {
    const spy = mockFetch({ '/api/completeness': () => json(answer) });
    render(<CompletenessSection threat="t1" region="r1" asOf="2026-01-01" />);
    const funding = await screen.findByText('No funding recorded: 3 of 4 initiatives');
    const list = within(funding.nextElementSibling as HTMLElement).getAllByRole('listitem');
    expect(list.map((li) => li.textContent)).toEqual(['Peacebuilding in Burkina Faso', 'ECOWARN', 'and 1 more']);
    expect(screen.getByText('No presence recorded: 1 of 5 actors')).toBeInTheDocument();
    expect(screen.getByText('PBSO')).toBeInTheDocument();
    expect(screen.getByText('No quote recorded: 0 of 12 facts').nextElementSibling).toHaveTextContent('all recorded');
    const url = fetchedUrls(spy)[0];
    expect([url?.searchParams.get('threat'), url?.searchParams.get('region'), url?.searchParams.get('asOf')]).toEqual([
      't1',
      'r1',
      '2026-01-01',
    ]);
  });
});
