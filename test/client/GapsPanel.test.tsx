import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import type { CoverageResponse } from '../../client/src/api/types';
import { GapsPanel, POSITIONED_NOTE } from '../../client/src/features/Gaps/GapsPanel';
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
    // The name is the visible text spelled out (axe: label-content-name-mismatch); the headers describe it.
    await screen.findByRole('table');
    const cell = screen.getByRole('button', { name: '3 positioned, !1 gap, affected' });
    expect(cell).toHaveAccessibleDescription('Coastal spillover of Sahel violence West Africa');
    expect(cell).not.toHaveAttribute('aria-label');
    expect(screen.getByRole('button', { name: '0 positioned' })).toHaveAccessibleDescription(
      'Coastal spillover of Sahel violence Central Africa',
    );
    expect(screen.getByRole('columnheader', { name: 'West Africa' })).toBeInTheDocument();
    expect(fetchedUrls(spy)[0]?.searchParams.get('level')).toBe('subregion');
    cell.focus();
    await user.keyboard('{Enter}');
    expect(onQuery).toHaveBeenCalledWith({ level: 'subregion', threat: 't1', region: 'r1' });
    await user.selectOptions(screen.getByRole('combobox', { name: 'Regions by' }), 'country');
    expect(onQuery).toHaveBeenLastCalledWith({ level: 'country', threat: '', region: '' });
  });

  it('lists the gaps of the chosen cell and shows their actors on the graph', async () => {
    const unknowns = { inScope: 2, unknown: 1, examples: [{ id: 'a3', name: 'African Union', label: 'Actor' }] };
    const spy = mockFetch({
      '/api/coverage': () => json(coverage),
      '/api/gaps': () => json(gaps),
      '/api/completeness': () =>
        json({ initiativesWithoutFunding: unknowns, actorsWithoutPresence: unknowns, factsWithoutQuote: { ...unknowns, examples: [] } }),
    });
    const { onHighlight } = renderPanel({ level: 'subregion', threat: 't1', region: 'r1' });
    expect(await screen.findByText(/No early-warning data reaches the AU/)).toBeInTheDocument();
    // Beside the gaps, what the graph does not know about the same cell.
    expect(await screen.findByText('No funding recorded: 1 of 2 initiatives')).toBeInTheDocument();
    expect(screen.getByText('Actors: African Union')).toBeInTheDocument();
    const kind = screen.getByRole('heading', { name: 'Early warning without civil-society data' });
    expect(kind.getAttribute('title')).toMatch(/no civil-society organisation sending it data\. \(code: early-warning\)$/);
    expect(screen.getByRole('button', { name: /^3 positioned/ })).toHaveAttribute('aria-pressed', 'true');
    const url = fetchedUrls(spy).find((u) => u.pathname === '/api/gaps');
    expect(url?.searchParams.get('threat')).toBe('t1');
    const highlight = onHighlight.mock.lastCall?.[0];
    expect(new Set(highlight.nodes)).toEqual(new Set(['a3', 't1', 'r1']));
    expect(highlight.edges).toEqual(['e2']);
    expect(highlight.graph.nodes.map((n: { id: string }) => n.id)).toEqual(['a3']);
  });

  it('is one Tab stop, and the arrow keys, Home and End move between cells', async () => {
    const grid: CoverageResponse = {
      ...coverage,
      threats: [...coverage.threats, { id: 't2', name: 'Election violence' }],
      cells: [...coverage.cells, { threat: 't2', region: 'r2', positioned: 7, affected: false, gaps: {} }],
    };
    mockFetch({ '/api/coverage': () => json(grid) });
    const user = userEvent.setup();
    const { onQuery } = renderPanel(null);
    const cells = (await screen.findAllByRole('button', { name: /positioned/ })).map((b) => b.textContent);
    expect(cells).toEqual(['3 positioned, !1 gap, affected', '0 positioned', '0 positioned', '7 positioned']);
    const buttons = screen.getAllByRole('button', { name: /positioned/ });
    expect(buttons.map((b) => b.tabIndex)).toEqual([0, -1, -1, -1]);
    await user.click(screen.getByRole('combobox', { name: 'Regions by' }));
    await user.keyboard('{Escape}');
    await user.tab();
    expect(buttons[0]).toHaveFocus();
    await user.keyboard('{ArrowRight}');
    expect(buttons[1]).toHaveFocus();
    await user.keyboard('{ArrowRight}'); // stays at the edge
    expect(buttons[1]).toHaveFocus();
    await user.keyboard('{ArrowDown}');
    expect(buttons[3]).toHaveFocus();
    expect(buttons.map((b) => b.tabIndex)).toEqual([-1, -1, -1, 0]);
    await user.keyboard('{Home}');
    expect(buttons[2]).toHaveFocus();
    await user.keyboard('{Control>}{End}{/Control}');
    expect(buttons[3]).toHaveFocus();
    await user.keyboard('{Enter}');
    expect(onQuery).toHaveBeenLastCalledWith({ level: 'subregion', threat: 't2', region: 'r2' });
  });

  it('opens full width and back (Escape too), and says how positioned differs from ranked', async () => {
    mockFetch({ '/api/coverage': () => json(coverage) });
    const user = userEvent.setup();
    renderPanel(null);
    const region = screen.getByRole('region', { name: 'Gaps and coverage' });
    expect(region).toHaveTextContent(POSITIONED_NOTE);
    expect(POSITIONED_NOTE).toMatch(/both a mandate covering the threat and a presence.*Responders panel ranks every actor/);
    await user.click(screen.getByRole('button', { name: 'Full-width view' }));
    expect(region).toHaveClass('wide-view');
    expect(screen.getByRole('button', { name: 'Back to the side panel' })).toHaveAttribute('aria-pressed', 'true');
    await user.keyboard('{Escape}');
    expect(region).not.toHaveClass('wide-view');
  });

  it('uses fills whose text passes WCAG AA at every step', () => {
    for (const n of [0, 1, 3, 7, 50]) {
      const { fill, ink } = cellStyle(n);
      expect(contrastRatio(fill, ink)).toBeGreaterThanOrEqual(4.5);
    }
  });
});
