import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { RespondersPanel } from '../../client/src/features/Responders/RespondersPanel';
import { fetchedUrls, json, mockFetch } from './fetchMock';
import { places, responders } from './panelFixtures';

function renderPanel(query: { threat: string; region: string } | null = null) {
  const onQuery = vi.fn();
  const onHighlight = vi.fn();
  render(<RespondersPanel query={query} asOf={null} onQuery={onQuery} onHighlight={onHighlight} />);
  return { onQuery, onHighlight };
}

describe('RespondersPanel', () => {
  it('offers the threats and regions in the data and submits the pair chosen', async () => {
    const spy = mockFetch({ '/api/graph': () => json(places) });
    const user = userEvent.setup();
    const { onQuery } = renderPanel();
    const threat = screen.getByRole('combobox', { name: 'Threat' });
    await screen.findByRole('option', { name: 'Coastal spillover of Sahel violence' });
    expect(fetchedUrls(spy)[0]?.searchParams.get('labels')).toBe('Threat,Region');
    expect(screen.getByRole('button', { name: 'Rank responders' })).toBeDisabled();
    await user.selectOptions(threat, 't1');
    await user.selectOptions(screen.getByRole('combobox', { name: 'Region' }), 'r2');
    await user.click(screen.getByRole('button', { name: 'Rank responders' }));
    expect(onQuery).toHaveBeenCalledWith({ threat: 't1', region: 'r2' });
  });

  it('ranks the responders with their breakdown, evidence and what each lacks, highlighted on the graph', async () => {
    const spy = mockFetch({ '/api/graph': () => json(places), '/api/responders': () => json(responders) });
    const user = userEvent.setup();
    const { onHighlight } = renderPanel({ threat: 't1', region: 'r1' });
    const items = await screen.findAllByRole('listitem');
    const first = items.find((li) => li.classList.contains('responder')) as HTMLElement;
    expect(first).toHaveTextContent('#1');
    expect(first).toHaveTextContent('score 0.72');
    const rows = within(first)
      .getAllByRole('row')
      .map((r) => r.textContent);
    expect(rows).toEqual(['PartScoreWeightAdds', 'Mandate10.40.4', 'Presence (inherited)0.50.30.15']);
    expect(first).toHaveTextContent('Lacks: no data feed from an early-warning network');
    // AU has a mandate and a presence (positioned); UNOWAS only a presence (ranked, not positioned).
    expect(screen.getByText(/^2 ranked, best first; 1 of them positioned \(a mandate and a presence here\)/)).toBeInTheDocument();
    await user.click(within(first).getByText('Evidence'));
    expect(within(first).getByText('The Council decides…')).toBeVisible();

    const url = fetchedUrls(spy).find((u) => u.pathname === '/api/responders');
    expect(url?.searchParams.get('threat')).toBe('t1');
    expect(url?.searchParams.get('region')).toBe('r1');
    expect(onHighlight.mock.lastCall?.[0]).toMatchObject({ nodes: ['a3', 'a1'], edges: ['e2'] });

    await user.click(within(first).getByRole('button', { name: 'African Union' }));
    expect(onHighlight.mock.lastCall?.[0]).toMatchObject({ nodes: ['a3'], focus: { nodes: ['a3'] } });
  });

  it('says what to try when nobody is positioned', async () => {
    mockFetch({ '/api/graph': () => json(places), '/api/responders': () => json({ ...responders, responders: [] }) });
    renderPanel({ threat: 't1', region: 'r2' });
    expect(await screen.findByText(/No actor is positioned .* Try the region's parent region/)).toBeInTheDocument();
  });
});
