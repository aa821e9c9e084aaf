import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { GapsPanel } from '../../client/src/features/Gaps/GapsPanel';
import { cellStyle } from '../../client/src/features/Gaps/HeatMap';
import { contrastRatio } from '../../client/src/graph/contrast';
import { fetchedUrls, json, mockFetch } from './fetchMock';
import { coverage, gaps } from './panelFixtures';

function renderPanel(query: Parameters<typeof GapsPanel>[0]['query']) {
  const props = { onQuery: vi.fn(), onHighlight: vi.fn() };
  render(<GapsPanel query={query} asOf={null} {...props} />);
  return props;
}

describe('GapsPanel', () => {
  it('draws the threat × region heat map with counts in words, and a cell click picks it', async () => {
    const spy = mockFetch({ '/api/coverage': () => json(coverage) });
    const user = userEvent.setup();
    const { onQuery } = renderPanel(null);
    const cell = await screen.findByRole('button', {
      name: 'Coastal spillover of Sahel violence in West Africa: 3 positioned, 1 gaps, affected',
    });
    expect(cell).toHaveTextContent('3!1');
    expect(screen.getByRole('button', { name: /in Central Africa: 0 positioned, 0 gaps$/ })).toBeInTheDocument();
    expect(fetchedUrls(spy)[0]?.searchParams.get('level')).toBe('subregion');
    cell.focus();
    await user.keyboard('{Enter}');
    expect(onQuery).toHaveBeenCalledWith({ level: 'subregion', threat: 't1', region: 'r1' });
    await user.selectOptions(screen.getByRole('combobox', { name: 'Regions by' }), 'country');
    expect(onQuery).toHaveBeenLastCalledWith({ level: 'country', threat: '', region: '' });
  });

  it('lists the gaps of the chosen cell and shows their actors on the graph', async () => {
    const spy = mockFetch({ '/api/coverage': () => json(coverage), '/api/gaps': () => json(gaps) });
    const { onHighlight } = renderPanel({ level: 'subregion', threat: 't1', region: 'r1' });
    expect(await screen.findByText(/No early-warning data reaches the AU/)).toBeInTheDocument();
    expect(screen.getByText('Actors: African Union')).toBeInTheDocument();
    const kind = screen.getByRole('heading', { name: 'Early warning without civil-society data' });
    expect(kind.getAttribute('title')).toMatch(/no civil-society organisation sending it data\. \(code: early-warning\)$/);
    expect(screen.getByRole('button', { name: /in West Africa/ })).toHaveAttribute('aria-pressed', 'true');
    const url = fetchedUrls(spy).find((u) => u.pathname === '/api/gaps');
    expect(url?.searchParams.get('threat')).toBe('t1');
    const highlight = onHighlight.mock.lastCall?.[0];
    expect(new Set(highlight.nodes)).toEqual(new Set(['a3', 't1', 'r1']));
    expect(highlight.edges).toEqual(['e2']);
    expect(highlight.graph.nodes.map((n: { id: string }) => n.id)).toEqual(['a3']);
  });

  it('uses fills whose text passes WCAG AA at every step', () => {
    for (const n of [0, 1, 3, 7, 50]) {
      const { fill, ink } = cellStyle(n);
      expect(contrastRatio(fill, ink)).toBeGreaterThanOrEqual(4.5);
    }
  });
});
