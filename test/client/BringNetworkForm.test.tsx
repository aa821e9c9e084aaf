import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { BringNetworkForm } from '../../client/src/features/Documents/BringNetworkForm';
import { fetchedUrls, json, mockFetch } from './fetchMock';

afterEach(() => vi.restoreAllMocks());

const file = new File(['<graphml/>'], 'Les Mis.graphml', { type: 'application/octet-stream' });

const dryRun = (problems: { field: string; message: string }[]) => ({
  valid: problems.length === 0,
  nodes: { Actor: 77 },
  relationships: { SUPPORTS: 254 },
  network: { implicitNodes: 0, mergedTies: 1, directedTies: 0, undirectedTies: 254 },
  problems,
  truncated: false,
});

describe('BringNetworkForm', () => {
  it('checks the file with the kind and tie type chosen, then imports it', async () => {
    const user = userEvent.setup();
    const onImported = vi.fn();
    const spy = mockFetch({
      '/api/import/dry-run': () => json(dryRun([])),
      '/api/import': () =>
        json({
          importId: 'i',
          nodes: { created: 77, updated: 0, unchanged: 0 },
          relationships: { created: 254, updated: 0, unchanged: 0 },
        }),
    });
    render(<BringNetworkForm onImported={onImported} />);
    expect(screen.getByRole('button', { name: 'Import' })).toBeDisabled();
    await user.upload(screen.getByLabelText(/A network file/), file);
    expect(screen.getByLabelText('Network name')).toHaveValue('Les-Mis');
    await user.selectOptions(screen.getByLabelText('Every node is'), 'think-tank');
    await user.selectOptions(screen.getByLabelText('Every tie is'), 'SUPPORTS');
    await user.click(screen.getByRole('button', { name: 'Check' }));
    const status = await screen.findByRole('status', { name: 'What the import would write' });
    expect(status).toHaveTextContent('Would write 77 Think tank actors and 254 ties (0 directed, 254 undirected; 1 repeated ties merged).');
    const [checkUrl] = fetchedUrls(spy);
    expect(Object.fromEntries(checkUrl?.searchParams ?? [])).toEqual({
      format: 'graphml',
      file: 'Les Mis.graphml',
      network: 'Les-Mis',
      kind: 'think-tank',
      type: 'SUPPORTS',
    });
    await user.click(screen.getByRole('button', { name: 'Import' }));
    expect(onImported).toHaveBeenCalledWith('Imported Les-Mis: 77 actors and 254 ties created.');
    expect(fetchedUrls(spy)[1]?.pathname).toBe('/api/import');
  });

  it('lists the problems of the check and does not offer to import', async () => {
    const user = userEvent.setup();
    mockFetch({ '/api/import/dry-run': () => json(dryRun([{ field: 'g.gexf:12:node(Zoë).label', message: "'Zoë' is not a kind" }])) });
    render(<BringNetworkForm onImported={vi.fn()} />);
    await user.upload(screen.getByLabelText(/A network file/), new File(['x'], 'g.gexf'));
    await user.click(screen.getByRole('button', { name: 'Check' }));
    const problems = await screen.findByRole('list', { name: 'Problems' });
    expect(within(problems).getByText('g.gexf:12:node(Zoë).label')).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Import' })).toBeDisabled();
  });
});
