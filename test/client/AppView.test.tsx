import { render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { App } from '../../client/src/App';
import type { GraphViewProps } from '../../client/src/features/Graph/GraphView';
import { json, mockFetch } from './fetchMock';
import { node, smallGraph, wanep } from './fixtures';
import { twoPaths } from './panelFixtures';

// Cytoscape needs a real canvas (the e2e suite draws it); this stand-in shows what App asks it to draw.
vi.mock('../../client/src/features/Graph/GraphView', () => ({
  GraphView: ({ graph, pinned, layout, highlight, onSelectNode }: GraphViewProps) => (
    <div
      data-testid="graph-canvas"
      data-nodes={graph.nodes.map((n) => n.id).join(',')}
      data-pinned={(pinned ?? []).join(',')}
      data-layout={layout}
      data-highlight={(highlight?.edges ?? []).join(',')}
      data-focus-nodes={(highlight?.focus?.nodes ?? []).join(',')}
    >
      <button type="button" onClick={() => onSelectNode(graph.nodes.find((n) => n.id === 'a3') ?? null)}>
        tap AU
      </button>
    </div>
  ),
}));

const neighbourhood = {
  nodes: [node('a3', 'Actor', 'African Union', { kind: 'regional-organization' }), node('x1', 'Actor', 'New neighbour', { kind: 'donor' })],
  edges: [{ id: 'ex', source: 'x1', target: 'a3', type: 'FUNDS', sensitivity: 'CLEAR' }],
};

const routes = {
  '/api/graph': () => json(smallGraph),
  '/api/actors/a3': () => json({ actor: { ...wanep, id: 'a3', name: 'African Union' }, neighbourhood }),
  '/api/paths': () => json(twoPaths),
};

const nodesDrawn = () => screen.getByTestId('graph-canvas').getAttribute('data-nodes')?.split(',') ?? [];

afterEach(() => window.history.replaceState(null, '', '/'));

describe('App view changes', () => {
  it('expands, hides and pins a node, with undo and redo, and keeps it all in the URL', async () => {
    mockFetch(routes);
    const user = userEvent.setup();
    render(<App />);
    await user.click(await screen.findByRole('button', { name: 'tap AU' }));
    await user.click(await screen.findByRole('button', { name: 'Expand neighbours' })); // panels load lazily
    await waitFor(() => expect(nodesDrawn()).toContain('x1'));
    expect(window.location.search).toContain('expand=a3');

    await user.click(screen.getByRole('button', { name: 'Pin in place' }));
    expect(screen.getByTestId('graph-canvas')).toHaveAttribute('data-pinned', 'a3');
    await user.click(screen.getByRole('button', { name: 'Hide' }));
    expect(nodesDrawn()).not.toContain('a3');
    expect(window.location.search).toContain('hide=a3');

    await user.click(screen.getByRole('button', { name: 'Undo' }));
    expect(nodesDrawn()).toContain('a3');
    await user.keyboard('{Control>}z{/Control}');
    expect(screen.getByTestId('graph-canvas')).toHaveAttribute('data-pinned', '');
    await user.click(screen.getByRole('button', { name: 'Undo' }));
    expect(nodesDrawn()).not.toContain('x1');
    await user.click(screen.getByRole('button', { name: 'Redo' }));
    await waitFor(() => expect(nodesDrawn()).toContain('x1'));
  });

  it('in the whole graph, Expand points out the neighbours already drawn (highlight and zoom)', async () => {
    mockFetch(routes);
    const user = userEvent.setup();
    render(<App />);
    await user.click(await screen.findByRole('button', { name: 'tap AU' }));
    expect(screen.getByTestId('graph-canvas')).toHaveAttribute('data-highlight', '');
    await user.click(screen.getByRole('button', { name: 'Expand neighbours' }));
    expect(screen.getByTestId('graph-canvas')).toHaveAttribute('data-highlight', 'e2');
    expect(screen.getByTestId('graph-canvas')).toHaveAttribute('data-focus-nodes', 'a3,t1');
  });

  it('reopens the view a link describes: panel, layout, filters, hidden nodes and the path query', async () => {
    window.history.replaceState(
      null,
      '',
      '/?panel=paths&layout=concentric&nokind=Threat&hide=a2&from=a1&fromName=UNOWAS&to=a3&toName=AU&types=OPERATES_IN',
    );
    mockFetch(routes);
    render(<App />);
    expect(await screen.findByText('UNOWAS holds a dialogue with the AU.')).toBeInTheDocument();
    expect(screen.getByRole('tab', { name: 'Paths' })).toHaveAttribute('aria-selected', 'true');
    expect(screen.getByRole('combobox', { name: 'From' })).toHaveValue('UNOWAS');
    const canvas = screen.getByTestId('graph-canvas');
    expect(canvas).toHaveAttribute('data-layout', 'concentric');
    await waitFor(() => expect(canvas).toHaveAttribute('data-highlight', 'e1,e7,e9'));
    expect(nodesDrawn()).not.toContain('a2');
    expect(nodesDrawn()).not.toContain('t1');
  });

  it('moves between panels with the arrow keys', async () => {
    mockFetch({ ...routes, '/api/coverage': () => json({ level: 'subregion', threats: [], regions: [], cells: [] }) });
    const user = userEvent.setup();
    render(<App />);
    await screen.findByTestId('graph-canvas');
    await user.click(screen.getByRole('tab', { name: 'Details' }));
    await user.keyboard('{ArrowRight}');
    expect(screen.getByRole('tab', { name: 'Paths' })).toHaveFocus();
    await waitFor(() => expect(screen.getByRole('tabpanel')).toHaveTextContent('Paths between two actors'));
    await user.keyboard('{End}');
    expect(screen.getByRole('tab', { name: 'Map' })).toHaveAttribute('aria-selected', 'true');
    expect(await screen.findByText('No threats are recorded yet, so there is nothing to map.')).toBeInTheDocument();
    expect(window.location.search).toContain('panel=map');
    await user.keyboard('{ArrowLeft}');
    expect(screen.getByRole('tab', { name: 'Gaps & coverage' })).toHaveAttribute('aria-selected', 'true');
    expect(await screen.findByText(/No threats are recorded yet, so there is nothing to map\. Add threats/)).toBeInTheDocument();
    expect(window.location.search).toContain('panel=gaps');
  });

  it('lists the visible nodes and relationships in a table view', async () => {
    mockFetch(routes);
    const user = userEvent.setup();
    render(<App />);
    await screen.findByTestId('graph-canvas');
    await user.click(screen.getByRole('button', { name: 'Table view' }));
    const tables = await screen.findAllByRole('table'); // the table view loads lazily
    expect(tables[0]).toHaveAccessibleName('6 visible nodes');
    expect(tables[1]).toHaveAccessibleName('2 visible relationships');
    expect(tables[1]).toHaveTextContent('United Nations Office for West Africa and the Sahelworks inWest Africa');
  });

  it('filters out a node kind from the filter menu', async () => {
    mockFetch(routes);
    const user = userEvent.setup();
    render(<App />);
    await screen.findByTestId('graph-canvas');
    await user.click(screen.getByText('Filters'));
    await user.click(screen.getByRole('checkbox', { name: 'UN entity (2)' }));
    expect(nodesDrawn()).toEqual(['a3', 'a4', 't1', 'r1']);
    expect(window.location.search).toContain('nokind=un-entity');
  });
});

describe('drawing only what is expanded', () => {
  it('starts empty, draws a searched actor with its neighbours, and never loads the whole graph', async () => {
    window.history.replaceState(null, '', '/?scope=expanded');
    const spy = mockFetch({
      ...routes,
      '/api/actors/search': () =>
        json({
          query: 'af',
          results: [{ id: 'a3', name: 'African Union', acronym: 'AU', aliases: [], kind: 'regional-organization', score: 1 }],
        }),
    });
    const user = userEvent.setup();
    render(<App />);
    expect(screen.getByText(/Search for an actor to start/)).toBeInTheDocument();
    await user.type(screen.getByRole('combobox', { name: 'Search actors' }), 'af');
    await user.click(await screen.findByRole('option', { name: /African Union/ }));
    await waitFor(() => expect(nodesDrawn()).toEqual(['a3', 'x1']));
    expect(spy.mock.calls.map(([u]) => String(u))).not.toContain('/api/graph?limit=5000');
  });
});
