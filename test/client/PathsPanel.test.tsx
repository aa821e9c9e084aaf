import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { PathsPanel } from '../../client/src/features/Paths/PathsPanel';
import type { PathQuery } from '../../client/src/view/viewState';
import { fetchedUrls, json, mockFetch, problem } from './fetchMock';
import { searchResults } from './fixtures';
import { twoPaths } from './panelFixtures';

const query: PathQuery = {
  from: 'a1',
  fromName: 'UNOWAS',
  to: 'a3',
  toName: 'African Union',
  mode: 'k-shortest',
  types: ['OPERATES_IN'],
  maxHops: 4,
  k: 2,
  direction: 'any',
};

function renderPanel(props: Partial<Parameters<typeof PathsPanel>[0]> = {}) {
  const onQuery = vi.fn();
  const onHighlight = vi.fn();
  render(
    <PathsPanel query={null} types={['MEMBER_OF', 'OPERATES_IN']} asOf={null} onQuery={onQuery} onHighlight={onHighlight} {...props} />,
  );
  return { onQuery, onHighlight };
}

describe('PathsPanel', () => {
  it('asks for both actors, then submits the chosen ends, types and bounds', async () => {
    mockFetch({ '/api/actors/search': () => json({ query: 'x', results: searchResults }) });
    const user = userEvent.setup();
    const { onQuery } = renderPanel();
    const find = screen.getByRole('button', { name: 'Find paths' });
    expect(find).toBeDisabled();
    expect(screen.getByText(/Choose both actors/)).toBeInTheDocument();

    await user.type(screen.getByRole('combobox', { name: 'From' }), 'uno');
    await user.click(await screen.findByRole('option', { name: /UNOWAS/ }));
    await user.type(screen.getByRole('combobox', { name: 'To' }), 'wan');
    await user.click(await screen.findByRole('option', { name: /WANEP/ }));
    const member = screen.getByRole('checkbox', { name: 'member of' });
    expect(member.closest('label')).toHaveAttribute('title', 'code: MEMBER_OF');
    await user.click(member);
    await user.clear(screen.getByRole('spinbutton', { name: 'At most steps (1–8)' }));
    await user.type(screen.getByRole('spinbutton', { name: 'At most steps (1–8)' }), '3');
    await user.click(find);
    expect(onQuery).toHaveBeenCalledWith(
      expect.objectContaining({ from: 'a1', to: 'a9', types: ['MEMBER_OF'], maxHops: 3, mode: 'shortest' }),
    );
  }, 15_000);

  it('fetches the paths asked for, lists them as sentences and highlights them all', async () => {
    const spy = mockFetch({ '/api/paths': () => json(twoPaths) });
    const { onHighlight } = renderPanel({ query, asOf: '2020-12-31' });
    expect(await screen.findByText('UNOWAS operates in West Africa, where the AU also operates.')).toBeInTheDocument();
    expect(screen.getByText('UNOWAS holds a dialogue with the AU.')).toBeInTheDocument();
    const url = fetchedUrls(spy)[0];
    expect(Object.fromEntries(url?.searchParams ?? [])).toEqual({
      from: 'a1',
      to: 'a3',
      mode: 'k-shortest',
      k: '2',
      maxHops: '4',
      types: 'OPERATES_IN',
      direction: 'any',
      asOf: '2020-12-31',
    });
    const last = onHighlight.mock.lastCall?.[0];
    expect(new Set(last.edges)).toEqual(new Set(['e1', 'e7', 'e9']));
    expect(last.graph.nodes.map((n: { id: string }) => n.id).sort()).toEqual(['a1', 'a3', 'r1']);
  });

  it('focuses one step when it is clicked, and shows its sources', async () => {
    mockFetch({ '/api/paths': () => json(twoPaths) });
    const user = userEvent.setup();
    const { onHighlight } = renderPanel({ query });
    await user.click(await screen.findByRole('button', { name: 'UNOWAS operates in West Africa' }));
    expect(onHighlight.mock.lastCall?.[0]).toMatchObject({ edges: ['e1', 'e7'], focus: { edges: ['e1'], nodes: ['a1', 'r1'] } });
    const step = screen.getByRole('button', { name: 'UNOWAS operates in West Africa' }).closest('li') as HTMLElement;
    await user.click(within(step).getByText('Sources'));
    expect(within(step).getByText('UNOWAS covers West Africa.')).toBeVisible();
  });

  it('says what to try when there is no path', async () => {
    mockFetch({ '/api/paths': () => json({ ...twoPaths, paths: [] }) });
    const { onHighlight } = renderPanel({ query });
    expect(await screen.findByText('No path within 4 hops; try also allowing “member of”.')).toBeInTheDocument();
    expect(onHighlight).toHaveBeenLastCalledWith(null);
  });

  it('offers only the bounds the server accepts, and says why it will not send more', async () => {
    mockFetch({ '/api/paths': () => json(twoPaths) });
    const user = userEvent.setup();
    const { onQuery } = renderPanel({ query });
    const hops = screen.getByRole('spinbutton', { name: 'At most steps (1–8)' });
    expect(hops).toHaveAttribute('max', '8');
    const k = screen.getByRole('spinbutton', { name: 'How many (1–10)' });
    expect(k).toHaveAttribute('max', '10');
    await user.clear(k);
    await user.type(k, '20');
    expect(screen.getByRole('alert')).toHaveTextContent('How many paths must be a whole number from 1 to 10.');
    await user.clear(hops);
    await user.type(hops, '9');
    expect(screen.getByRole('alert')).toHaveTextContent('Steps must be a whole number from 1 to 8.');
    expect(screen.getByRole('button', { name: 'Find paths' })).toBeDisabled();
    await user.clear(k);
    await user.type(k, '10');
    await user.clear(hops);
    await user.type(hops, '8');
    expect(screen.queryByRole('alert')).toBeNull();
    await user.click(screen.getByRole('button', { name: 'Find paths' }));
    expect(onQuery).toHaveBeenCalledWith(expect.objectContaining({ k: 10, maxHops: 8 }));
  });

  it('reports a bad request with the fields to correct', async () => {
    mockFetch({
      '/api/paths': () => problem(400, 'Invalid request', undefined, { errors: [{ field: 'query.maxHops', message: 'at most 10' }] }),
    });
    renderPanel({ query });
    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('query.maxHops: at most 10');
    expect(alert).toHaveTextContent('Correct the fields listed');
  });
});
