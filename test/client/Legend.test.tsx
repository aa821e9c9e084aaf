import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { Legend } from '../../client/src/features/Graph/Legend';
import { legendEntries } from '../../client/src/graph/elements';
import { smallGraph } from './fixtures';

describe('Legend', () => {
  it('lists the kinds present in plain words, with a shape swatch, a count, and the code only as a tooltip', () => {
    render(<Legend entries={legendEntries(smallGraph.nodes)} />);
    const legend = screen.getByRole('region', { name: 'Legend' });
    const rows = within(legend)
      .getAllByRole('listitem')
      .map((li) => [li.querySelector('.legend-name')?.textContent, li.querySelector('.legend-count')?.textContent, li.title]);
    expect(rows).toEqual([
      ['UN entity', '2 nodes', expect.stringContaining('code: un-entity')],
      ['Regional organisation', '1 node', expect.stringContaining('code: regional-organization')],
      ['Threat to peace', '1 node', 'code: Threat'],
      ['Place', '1 node', expect.stringContaining('code: Region')],
      ['militia watch', '1 node', 'code: militia-watch'],
    ]);
    expect(legend).not.toHaveTextContent(/un-entity|regional-organization/);
    const shapes = [...legend.querySelectorAll('svg')].map((svg) => svg.dataset.shape);
    expect(shapes).toEqual(['ellipse', 'ellipse', 'triangle', 'hexagon', 'ellipse']);
  });

  it('shows no kinds that are absent', () => {
    render(<Legend entries={legendEntries(smallGraph.nodes)} />);
    expect(screen.queryByText('Donor')).not.toBeInTheDocument();
  });

  it('folds away to its heading and opens again', async () => {
    render(<Legend entries={legendEntries(smallGraph.nodes)} />);
    const toggle = screen.getByRole('button', { name: 'Legend' });
    expect(toggle).toHaveAttribute('aria-expanded', 'true');
    await userEvent.click(toggle);
    expect(toggle).toHaveAttribute('aria-expanded', 'false');
    expect(screen.queryByRole('listitem')).not.toBeInTheDocument();
    await userEvent.click(toggle);
    expect(screen.getAllByRole('listitem')).toHaveLength(5);
  });

  it('says how many members are folded and draws them all, or folds them again', async () => {
    const onUnfoldAll = vi.fn();
    const { rerender } = render(
      <Legend entries={legendEntries(smallGraph.nodes)} fold={{ hidden: 245, allUnfolded: false, onUnfoldAll }} />,
    );
    expect(screen.getByText(/245 member states and countries are folded/)).toBeInTheDocument();
    await userEvent.click(screen.getByRole('button', { name: 'Draw them all' }));
    expect(onUnfoldAll).toHaveBeenLastCalledWith(true);
    rerender(<Legend entries={legendEntries(smallGraph.nodes)} fold={{ hidden: 0, allUnfolded: true, onUnfoldAll }} />);
    await userEvent.click(screen.getByRole('button', { name: 'Fold them again' }));
    expect(onUnfoldAll).toHaveBeenLastCalledWith(false);
  });
});
