import { render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { App } from '../../client/src/App';
import type { FocusRequest } from '../../client/src/features/Graph/GraphView';
import { json, mockFetch, problem } from './fetchMock';
import { searchResults, smallGraph } from './fixtures';

// Cytoscape needs a real canvas; the graph view is exercised by the e2e suite, so stand in for it here.
vi.mock('../../client/src/features/Graph/GraphView', () => ({
  GraphView: ({ selectedId, focus }: { selectedId: string | null; focus: FocusRequest | null }) => (
    <div data-testid="graph-canvas" data-selected={selectedId ?? ''} data-focus={focus?.id ?? ''} />
  ),
}));

describe('App', () => {
  it('says the server is not answering and what the person can do, with Retry', async () => {
    mockFetch({
      '/api/graph': () => {
        throw new TypeError('Failed to fetch');
      },
    });
    render(<App />);
    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('The Atlas server is not answering');
    expect(alert).toHaveTextContent('Wait a minute and retry; if it still does not answer, tell the person who runs the Atlas');
    expect(alert).not.toHaveTextContent('npm');
    expect(screen.getByRole('button', { name: 'Retry' })).toBeInTheDocument();
  });

  it('shows the title and detail of an API problem, and retries', async () => {
    let calls = 0;
    mockFetch({
      '/api/graph': () => {
        calls += 1;
        return calls === 1 ? problem(503, 'Database unavailable', 'Neo4j did not answer within 5 s') : json(smallGraph);
      },
    });
    render(<App />);
    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('Database unavailable');
    expect(alert).toHaveTextContent('Neo4j did not answer within 5 s');
    expect(alert).toHaveTextContent('wait a moment and retry');
    await userEvent.click(screen.getByRole('button', { name: 'Retry' }));
    expect(await screen.findByTestId('graph-canvas')).toBeInTheDocument();
    expect(screen.queryByRole('alert')).not.toBeInTheDocument();
  });

  it('says what to do when the graph is empty', async () => {
    mockFetch({ '/api/graph': () => json({ nodes: [], edges: [], truncated: false }) });
    render(<App />);
    expect(await screen.findByText('The graph is empty.')).toBeInTheDocument();
    expect(screen.getByText(/load the seed graph/)).toBeInTheDocument();
  });

  it('draws the graph with its legend, limited to 5000 nodes', async () => {
    const fetchSpy = mockFetch({ '/api/graph': () => json(smallGraph) });
    render(<App />);
    expect(await screen.findByTestId('graph-canvas')).toBeInTheDocument();
    expect(screen.getByRole('region', { name: 'Legend' })).toHaveTextContent('UN entity');
    expect(String(fetchSpy.mock.calls[0]?.[0])).toBe('/api/graph?limit=5000');
  });

  it('focuses and selects a searched actor that is drawn, and explains when one is not', async () => {
    mockFetch({
      '/api/graph': () => json(smallGraph),
      '/api/actors/search': () => json({ query: 'wan', results: searchResults }),
      '/api/actors/a1': () =>
        json({
          actor: { ...searchResults[0], level: null, description: null, sensitivity: 'CLEAR', sources: [] },
          neighbourhood: { nodes: [], edges: [] },
        }),
      '/api/actors/a9': () => problem(404, 'Actor not found'),
    });
    const user = userEvent.setup();
    render(<App />);
    const canvas = await screen.findByTestId('graph-canvas');
    const search = screen.getByRole('combobox', { name: 'Search actors' });

    await user.type(search, 'wan');
    // Named: the toolbar's selects have options too.
    await screen.findByRole('option', { name: /UNOWAS/ });
    await user.keyboard('{ArrowDown}{Enter}');
    expect(canvas).toHaveAttribute('data-focus', 'a1');
    expect(canvas).toHaveAttribute('data-selected', 'a1');

    await user.clear(search);
    await user.type(search, 'wan');
    await user.click(await screen.findByRole('option', { name: /WANEP/ }));
    expect(await screen.findByText(/West African Network for Peacebuilding is not in the drawn graph/)).toBeInTheDocument();
    expect(canvas).toHaveAttribute('data-selected', 'a9');
  });

  it('draws a searched actor missing from a cut-short graph, and then never says it is missing', async () => {
    const actor = { ...searchResults[1], level: null, description: null, sensitivity: 'CLEAR', sources: [] };
    let answer: (r: Response) => void = () => {};
    mockFetch({
      '/api/graph': () => json({ ...smallGraph, truncated: true }),
      '/api/actors/search': () => json({ query: 'wan', results: searchResults }),
      '/api/actors/a9': () => new Promise<Response>((resolve) => (answer = resolve)),
    });
    const user = userEvent.setup();
    render(<App />);
    const canvas = await screen.findByTestId('graph-canvas');
    await user.type(screen.getByRole('combobox', { name: 'Search actors' }), 'wan');
    await user.click(await screen.findByRole('option', { name: /WANEP/ }));
    expect(await screen.findByText('Drawing West African Network for Peacebuilding and its neighbours…')).toBeInTheDocument();
    answer(json({ actor, neighbourhood: { nodes: [], edges: [] } }));
    await waitFor(() => expect(canvas).toHaveAttribute('data-focus', 'a9'));
    expect(screen.queryByText(/not in the drawn graph/)).toBeNull();
    expect(screen.queryByText(/West African Network for Peacebuilding and its neighbours/)).toBeNull();
  });
});
