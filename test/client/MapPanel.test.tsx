import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import type { CoverageResponse } from '../../client/src/api/types';
import { countryRows, countryValue, MapPanel } from '../../client/src/features/Map/MapPanel';
import { loadWorld } from '../../client/src/features/Map/world';
import { fetchedUrls, json, mockFetch } from './fetchMock';
import { gaps, responders } from './panelFixtures';

const coverage: CoverageResponse = {
  level: 'country',
  threats: [
    { id: 't1', name: 'Election-related violence' },
    { id: 't2', name: 'Violent extremism' },
  ],
  regions: [
    { id: 'country-sn', name: 'Senegal' },
    { id: 'country-ml', name: 'Mali' },
    { id: 'country-tv', name: 'Tuvalu' },
  ],
  cells: [
    { threat: 't1', region: 'country-ml', positioned: 3, affected: true, gaps: { uncoordinated: 2 } },
    { threat: 't1', region: 'country-sn', positioned: 1, affected: false, gaps: {} },
    { threat: 't2', region: 'country-ml', positioned: 7, affected: true, gaps: {} },
  ],
};

function renderMap() {
  const spy = mockFetch({
    '/api/coverage': () => json(coverage),
    '/api/responders': () => json(responders),
    '/api/gaps': () => json(gaps),
  });
  const onHighlight = vi.fn();
  render(<MapPanel asOf={null} onHighlight={onHighlight} />);
  return { spy, onHighlight };
}

describe('MapPanel', () => {
  it('draws Natural Earth countries with the seed ISO codes, none missing but Tuvalu (too small at 1:50m)', async () => {
    const world = await loadWorld();
    const codes = new Set(world.map((c) => c.iso2));
    expect(world.length).toBeGreaterThan(200);
    for (const iso2 of ['ML', 'SN', 'VE', 'NI', 'MM', 'FJ', 'JM', 'AM', 'AZ', 'GE', 'CD']) expect(codes).toContain(iso2);
    expect(codes).not.toContain('TV');
  });

  it('colours countries by actors positioned for the chosen threat, or by gaps', async () => {
    const rows = countryRows(coverage, 't1');
    expect(rows.map((r) => [r.iso2, r.positioned, r.gaps, r.affected])).toEqual([
      ['ML', 3, 2, true],
      ['SN', 1, 0, false],
      ['TV', 0, 0, false],
    ]);
    expect(countryValue(rows[0] as (typeof rows)[number], 'positioned')).toEqual({ fill: '#93c5fd', text: '3 positioned, threat present' });
    expect(countryValue(rows[0] as (typeof rows)[number], 'gaps')).toEqual({ fill: '#f59e0b', text: '2 gaps, threat present' });

    const user = userEvent.setup();
    renderMap();
    const map = await screen.findByRole(
      'group',
      { name: 'Map of Election-related violence: countries by actors positioned' },
      { timeout: 10_000 },
    );
    expect(within(map).getByRole('button', { name: 'Mali: 3 positioned, threat present' })).toHaveAttribute('fill', '#93c5fd');
    expect(within(map).getByRole('button', { name: 'Senegal: 1 positioned' })).toBeInTheDocument();
    await user.selectOptions(screen.getByRole('combobox', { name: 'Threat' }), 't2');
    expect(within(map).getByRole('button', { name: 'Mali: 7 positioned, threat present' })).toHaveAttribute('fill', '#3b82f6');
    await user.selectOptions(screen.getByRole('combobox', { name: 'Colour by' }), 'gaps');
    expect(screen.getByRole('button', { name: 'Mali: 0 gaps, threat present' })).toBeInTheDocument();
  });

  it('a click on a country lists its responders and gaps', async () => {
    const user = userEvent.setup();
    const { spy } = renderMap();
    await user.click(await screen.findByRole('button', { name: /^Mali:/ }, { timeout: 10_000 }));
    const details = screen.getByRole('region', { name: 'Mali: responders and gaps' });
    expect(await within(details).findByText(/^3 ranked; 3 positioned/)).toBeInTheDocument();
    expect(within(details).getByText('African Union')).toBeInTheDocument();
    expect(await within(details).findByRole('heading', { name: 'Early warning without civil-society data' })).toBeInTheDocument();
    const asked = fetchedUrls(spy).find((u) => u.pathname === '/api/responders');
    expect([asked?.searchParams.get('threat'), asked?.searchParams.get('region')]).toEqual(['t1', 'country-ml']);
  });

  it('is one Tab stop; arrow keys move through the countries A-Z and Enter chooses', async () => {
    const user = userEvent.setup();
    renderMap();
    const mali = await screen.findByRole('button', { name: /^Mali:/ }, { timeout: 10_000 });
    const senegal = screen.getByRole('button', { name: /^Senegal:/ });
    expect([mali.getAttribute('tabindex'), senegal.getAttribute('tabindex')]).toEqual(['0', '-1']);
    mali.focus();
    await user.keyboard('{ArrowRight}');
    expect(senegal).toHaveFocus();
    await user.keyboard('{Enter}');
    expect(senegal).toHaveAttribute('aria-pressed', 'true');
    expect(await screen.findByRole('region', { name: 'Senegal: responders and gaps' })).toBeInTheDocument();
  });

  it('offers the table view as its accessible alternative, Tuvalu included', async () => {
    const user = userEvent.setup();
    renderMap();
    await screen.findByRole('group', undefined, { timeout: 10_000 });
    await user.click(screen.getByRole('button', { name: 'Show as a table' }));
    const table = screen.getByRole('table', { name: 'Election-related violence: countries by actors positioned' });
    const rows = within(table)
      .getAllByRole('row')
      .map((r) => r.textContent);
    expect(rows).toEqual(['CountryActors positionedGapsThreat present', 'Mali32yes', 'Senegal10no', 'Tuvalu00no']);
    await user.click(within(table).getByRole('button', { name: 'Tuvalu' }));
    expect(await screen.findByRole('region', { name: 'Tuvalu: responders and gaps' })).toBeInTheDocument();
  });
});
