import { render, screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { Legend } from '../../client/src/features/Graph/Legend';
import { legendEntries } from '../../client/src/graph/elements';
import { smallGraph } from './fixtures';

describe('Legend', () => {
  it('lists the kinds present with a shape swatch and count', () => {
    render(<Legend entries={legendEntries(smallGraph.nodes)} />);
    const legend = screen.getByRole('region', { name: 'Legend' });
    const rows = within(legend)
      .getAllByRole('listitem')
      .map((li) => [
        li.querySelector('.legend-name')?.textContent,
        li.querySelector('.legend-kind')?.textContent,
        li.querySelector('.legend-count')?.textContent,
      ]);
    expect(rows).toEqual([
      ['UN entity', 'un-entity', '2 nodes'],
      ['Regional organization', 'regional-organization', '1 node'],
      ['Threat', undefined, '1 node'],
      ['Region', undefined, '1 node'],
      ['militia-watch', undefined, '1 node'],
    ]);
    const shapes = [...legend.querySelectorAll('svg')].map((svg) => svg.dataset.shape);
    expect(shapes).toEqual(['ellipse', 'ellipse', 'triangle', 'hexagon', 'ellipse']);
  });

  it('shows no kinds that are absent', () => {
    render(<Legend entries={legendEntries(smallGraph.nodes)} />);
    expect(screen.queryByText('Donor')).not.toBeInTheDocument();
  });
});
