import { render, screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { DetailsPanel } from '../../client/src/features/Details/DetailsPanel';
import { json, mockFetch, problem } from './fetchMock';
import { node, wanep } from './fixtures';

describe('DetailsPanel', () => {
  it('invites a selection when nothing is selected', () => {
    render(<DetailsPanel selection={null} />);
    expect(screen.getByText(/Select a node in the graph, or search for an actor/)).toBeInTheDocument();
  });

  it('fetches an actor and shows its properties, sources and quotes', async () => {
    const fetchSpy = mockFetch({ '/api/actors/a9': () => json({ actor: wanep, neighbourhood: { nodes: [], edges: [] } }) });
    render(<DetailsPanel selection={{ id: 'a9', label: 'Actor', name: wanep.name }} />);
    expect(screen.getByRole('status')).toHaveTextContent(`Loading details for ${wanep.name}`);

    const record = await screen.findByRole('article');
    expect(within(record).getByRole('heading', { name: wanep.name })).toBeInTheDocument();
    const field = (term: string) => within(record).getByText(term).nextElementSibling;
    expect(field('Acronym')).toHaveTextContent('WANEP');
    expect(field('Kind')).toHaveTextContent('Civil society');
    expect(field('Level')).toHaveTextContent('regional');
    expect(field('Sensitivity')).toHaveTextContent('GREEN');
    expect(field('Aliases')).toHaveTextContent('WANEP Regional');
    expect(field('Description')).toHaveTextContent(wanep.description ?? '');

    const sources = within(record).getAllByRole('listitem');
    expect(sources).toHaveLength(2);
    expect(sources[0]).toHaveTextContent('Fixture source: annual report');
    expect(sources[0]?.querySelector('blockquote')).toHaveTextContent('Fixture quote about an early-warning network.');
    expect(within(sources[0] as HTMLElement).getByRole('link', { name: 'Fixture source: annual report' })).toHaveAttribute(
      'href',
      'https://example.org/report',
    );
    expect(sources[0]).toHaveTextContent('(2023-05-01)');
    expect(sources[1]?.querySelector('blockquote')).toBeNull();
    expect(within(sources[1] as HTMLElement).queryByRole('link')).not.toBeInTheDocument();
    expect(fetchSpy).toHaveBeenCalledTimes(1);
  });

  it('says so when an actor has no sources', async () => {
    mockFetch({ '/api/actors/a9': () => json({ actor: { ...wanep, sources: [] }, neighbourhood: { nodes: [], edges: [] } }) });
    render(<DetailsPanel selection={{ id: 'a9', label: 'Actor', name: wanep.name }} />);
    expect(await screen.findByText(/No sources recorded/)).toBeInTheDocument();
  });

  it('shows a 404 problem with what to do', async () => {
    mockFetch({ '/api/actors/gone': () => problem(404, 'Actor not found', 'No actor has id gone') });
    render(<DetailsPanel selection={{ id: 'gone', label: 'Actor', name: 'Gone' }} />);
    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('Actor not found');
    expect(alert).toHaveTextContent('No actor has id gone');
    expect(alert).toHaveTextContent('search for it again');
  });

  it('shows the graph payload for non-actor nodes without fetching', () => {
    const fetchSpy = mockFetch({});
    const threat = node('t1', 'Threat', 'Coastal spillover', { sensitivity: 'AMBER' });
    render(<DetailsPanel selection={{ id: 't1', label: 'Threat', name: threat.name, node: threat }} />);
    expect(screen.getByRole('heading', { name: 'Coastal spillover' })).toBeInTheDocument();
    expect(screen.getByText('Type').nextElementSibling).toHaveTextContent('Threat');
    expect(screen.getByText('AMBER')).toBeInTheDocument();
    expect(fetchSpy).not.toHaveBeenCalled();
  });
});
