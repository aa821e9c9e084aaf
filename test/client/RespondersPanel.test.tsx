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
    // AU and its two organs are positioned; UNOWAS has only a presence, UNDP only a global remit (ranked, not positioned).
    expect(
      screen.getByText(
        /^3 ranked, best first, with 2 organs grouped under their organisation; 3 positioned \(a mandate and a field or member presence here\)/,
      ),
    ).toBeInTheDocument();
    await user.click(within(first).getByText('Evidence'));
    expect(within(first).getByText('The Council decides…')).toBeVisible();

    const url = fetchedUrls(spy).find((u) => u.pathname === '/api/responders');
    expect(url?.searchParams.get('threat')).toBe('t1');
    expect(url?.searchParams.get('region')).toBe('r1');
    expect(onHighlight.mock.lastCall?.[0]).toMatchObject({ nodes: ['a3', 'a1', 'a4'], edges: ['e2'] });

    // A row without organs highlights that actor alone.
    await user.click(screen.getByRole('button', { name: 'United Nations Office for West Africa and the Sahel' }));
    expect(onHighlight.mock.lastCall?.[0]).toMatchObject({ nodes: ['a1'], focus: { nodes: ['a1'] } });
  });

  it('highlights an organisation with the organs grouped under it when its row is selected or its organs expanded', async () => {
    mockFetch({ '/api/graph': () => json(places), '/api/responders': () => json(responders) });
    const user = userEvent.setup();
    const { onHighlight } = renderPanel({ threat: 't1', region: 'r1' });
    // The AU, the AU PSC and the AU Commission, with the facts of all three (the PSC's dialogue e7 included).
    const family = { nodes: ['a3', 'a5', 'a6'], edges: ['e2', 'e7'], focus: { nodes: ['a3', 'a5', 'a6'], edges: [] } };
    await user.click(await screen.findByRole('button', { name: 'African Union' }));
    expect(onHighlight.mock.lastCall?.[0]).toMatchObject(family);
    expect(onHighlight.mock.lastCall?.[0].graph.nodes.map((n: { id: string }) => n.id)).toEqual(['a3', 'a5', 'a6']);

    onHighlight.mockClear();
    const toggle = screen.getByRole('button', { name: '2 organs' });
    await user.click(toggle);
    expect(onHighlight).toHaveBeenCalledTimes(1);
    expect(onHighlight.mock.lastCall?.[0]).toMatchObject(family);
    // Folding the list away leaves the highlight as it is.
    await user.click(toggle);
    expect(onHighlight).toHaveBeenCalledTimes(1);
  });

  it('says in plain words whether each actor is positioned and how it is present, the code as tooltip', async () => {
    mockFetch({ '/api/graph': () => json(places), '/api/responders': () => json(responders) });
    renderPanel({ threat: 't1', region: 'r1' });
    await screen.findAllByRole('listitem');
    const card = (name: string) => screen.getByRole('button', { name }).closest('li.responder') as HTMLElement;
    const standing = (name: string) => (card(name).querySelector('.standing-line') as HTMLElement).textContent;
    expect(standing('African Union')).toBe('Positioned · Field presence');
    expect(standing('United Nations Office for West Africa and the Sahel')).toBe('Not positioned · Field presence');
    expect(standing('United Nations Development Programme')).toBe('Not positioned · Global remit, no field presence');
    expect(within(card('United Nations Development Programme')).getByText('Global remit, no field presence')).toHaveAttribute(
      'title',
      expect.stringContaining('(code: global)'),
    );
    expect(within(card('African Union')).queryByText('Global remit, no field presence')).not.toBeInTheDocument();
    expect(screen.queryByText('No presence recorded')).not.toBeInTheDocument();
  });

  it('lists the organs grouped under an organisation, expanded by click', async () => {
    mockFetch({ '/api/graph': () => json(places), '/api/responders': () => json(responders) });
    const user = userEvent.setup();
    renderPanel({ threat: 't1', region: 'r1' });
    const toggle = await screen.findByRole('button', { name: '2 organs' });
    expect(screen.getAllByRole('button', { name: /organs?$/ })).toHaveLength(1);
    expect(toggle).toHaveAttribute('aria-expanded', 'false');
    expect(screen.queryByRole('list', { name: 'Organs of African Union' })).not.toBeInTheDocument();
    await user.click(toggle);
    expect(toggle).toHaveAttribute('aria-expanded', 'true');
    const organs = within(screen.getByRole('list', { name: 'Organs of African Union' }))
      .getAllByRole('listitem')
      .map((li) => li.textContent);
    expect(organs).toEqual([
      'AU Peace and Security Council score 0.8 Positioned · Field presence',
      'African Union Commission score 0.55 Positioned · Present through its members',
    ]);
    expect(screen.getByText('(best in its family 0.8)', { exact: false })).toBeInTheDocument();
    await user.click(toggle);
    expect(toggle).toHaveAttribute('aria-expanded', 'false');
    expect(screen.queryByRole('list', { name: 'Organs of African Union' })).not.toBeInTheDocument();
  });

  it('expands the organs list from the keyboard', async () => {
    mockFetch({ '/api/graph': () => json(places), '/api/responders': () => json(responders) });
    const user = userEvent.setup();
    renderPanel({ threat: 't1', region: 'r1' });
    const toggle = await screen.findByRole('button', { name: '2 organs' });
    const first = screen.getByRole('button', { name: 'African Union' });
    first.focus();
    await user.tab();
    expect(toggle).toHaveFocus();
    await user.keyboard('{Enter}');
    expect(toggle).toHaveAttribute('aria-expanded', 'true');
    expect(screen.getByRole('list', { name: 'Organs of African Union' })).toBeVisible();
    await user.keyboard(' ');
    expect(toggle).toHaveAttribute('aria-expanded', 'false');
    await user.keyboard(' ');
    expect(within(screen.getByRole('list', { name: 'Organs of African Union' })).getByText('African Union Commission')).toBeVisible();
  });

  it('says what to try when nobody is positioned', async () => {
    mockFetch({ '/api/graph': () => json(places), '/api/responders': () => json({ ...responders, responders: [] }) });
    renderPanel({ threat: 't1', region: 'r2' });
    expect(await screen.findByText(/No actor is positioned .* Try the region's parent region/)).toBeInTheDocument();
  });
});
