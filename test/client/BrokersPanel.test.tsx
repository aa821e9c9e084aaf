import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { BrokersPanel } from '../../client/src/features/Brokers/BrokersPanel';
import { communityStyle } from '../../client/src/graph/decoration';
import { fetchedUrls, json, mockFetch } from './fetchMock';
import { centrality, communities, structure } from './panelFixtures';

const routes = {
  '/api/centrality': () => json(centrality),
  '/api/centrality/structure': () => json(structure),
  '/api/centrality/communities': () => json(communities),
};

function renderPanel(query: { measure: string; communities: boolean } | null) {
  const props = { onQuery: vi.fn(), onDecorate: vi.fn(), onFocusNode: vi.fn() };
  render(<BrokersPanel query={query} asOf={null} {...props} />);
  return props;
}

describe('BrokersPanel', () => {
  it('submits the measure and whether to colour by community', async () => {
    const user = userEvent.setup();
    const { onQuery } = renderPanel(null);
    await user.selectOptions(screen.getByRole('combobox', { name: 'Size nodes by' }), 'pagerank');
    await user.click(screen.getByRole('checkbox', { name: 'Colour by community' }));
    await user.click(screen.getByRole('button', { name: 'Show' }));
    expect(onQuery).toHaveBeenCalledWith({ measure: 'pagerank', communities: false });
  });

  it('ranks nodes, marks cut points, lists communities and decorates the graph with all three', async () => {
    const spy = mockFetch(routes);
    const user = userEvent.setup();
    const { onDecorate, onFocusNode } = renderPanel({ measure: 'betweenness', communities: true });
    const table = await screen.findByRole('table');
    const caption = table.querySelector('caption') as HTMLElement;
    expect(caption).toHaveTextContent(/^Top 2 of 6 nodes by brokers \(on most shortest routes\)\. Share of the shortest routes/);
    expect(caption).toHaveTextContent('Values are computed in Neo4j Graph Data Science.');
    expect(within(caption).getByTitle('code: betweenness')).toBeInTheDocument();
    expect(within(caption).getByText('divided by (n-1)(n-2)')).not.toBeVisible();
    const rows = within(table)
      .getAllByRole('row')
      .slice(1)
      .map((r) => r.textContent);
    expect(rows).toEqual(['1African Union4.000yes (dashed outline)', `2${centrality.results[1]?.name}2.000`]);
    expect(await screen.findByText(/1 articulation point/)).toBeInTheDocument();
    expect(await screen.findByText('Community 1: 2 nodes')).toBeInTheDocument();
    expect(
      fetchedUrls(spy)
        .find((u) => u.pathname === '/api/centrality')
        ?.searchParams.get('measure'),
    ).toBe('betweenness');

    expect(onDecorate.mock.lastCall?.[0]).toEqual({
      size: { a3: 1, a1: 0.5 },
      // Largest community first: community 3 (two members) gets the first colour.
      community: { a1: 0, r1: 0, a2: 1 },
      articulation: ['a3'],
    });
    expect(communityStyle(0).fill).not.toBe(communityStyle(1).fill);
    await user.click(within(table).getByRole('button', { name: 'African Union' }));
    expect(onFocusNode).toHaveBeenCalledWith('a3');
  });

  it('does not ask for communities when they are not wanted', async () => {
    const spy = mockFetch(routes);
    renderPanel({ measure: 'degree', communities: false });
    await screen.findByRole('table');
    expect(fetchedUrls(spy).map((u) => u.pathname)).not.toContain('/api/centrality/communities');
  });
});
