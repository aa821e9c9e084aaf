import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { ActorSearch } from '../../client/src/features/Search/ActorSearch';
import { fetchedUrls, json, mockFetch, problem } from './fetchMock';
import { searchResults } from './fixtures';

function setup(results = searchResults) {
  const fetchSpy = mockFetch({
    '/api/actors/search': (url) => json({ query: url.searchParams.get('q'), results }),
  });
  const onSelect = vi.fn();
  const user = userEvent.setup();
  render(<ActorSearch onSelect={onSelect} />);
  return { fetchSpy, onSelect, user, input: screen.getByRole('combobox', { name: 'Search actors' }) };
}

describe('ActorSearch', () => {
  it('waits for typing to pause, then asks the API once', async () => {
    const { fetchSpy, user, input } = setup();
    await user.type(input, 'wan');
    expect(fetchSpy).not.toHaveBeenCalled();
    await screen.findByRole('option', { name: /WANEP/ });
    expect(fetchedUrls(fetchSpy).map((u) => [u.searchParams.get('q'), u.searchParams.get('limit')])).toEqual([['wan', '10']]);
  });

  it('suggests name, acronym and kind', async () => {
    const { user, input } = setup();
    await user.type(input, 'wan');
    const options = await screen.findAllByRole('option');
    expect(options.map((o) => o.textContent)).toEqual([
      'United Nations Office for West Africa and the Sahel (UNOWAS)UN entity',
      'West African Network for Peacebuilding (WANEP)Civil society',
    ]);
    expect(input).toHaveAttribute('aria-expanded', 'true');
    expect(screen.getByRole('status')).toHaveTextContent('2 suggestions.');
  });

  it('moves with the arrow keys and chooses with Enter', async () => {
    const { onSelect, user, input } = setup();
    await user.type(input, 'wan');
    await screen.findAllByRole('option');
    await user.keyboard('{ArrowDown}{ArrowDown}');
    const second = screen.getByRole('option', { name: /WANEP/ });
    expect(second).toHaveAttribute('aria-selected', 'true');
    expect(input).toHaveAttribute('aria-activedescendant', second.id);
    await user.keyboard('{ArrowUp}{ArrowUp}');
    expect(screen.getByRole('option', { name: /WANEP/ })).toHaveAttribute('aria-selected', 'true');
    await user.keyboard('{Enter}');
    expect(onSelect).toHaveBeenCalledExactlyOnceWith(searchResults[1]);
    expect(input).toHaveValue('West African Network for Peacebuilding');
    expect(input).toHaveAttribute('aria-expanded', 'false');
  });

  it('closes on Escape, then clears on a second Escape', async () => {
    const { onSelect, user, input } = setup();
    await user.type(input, 'wan');
    await screen.findAllByRole('option');
    await user.keyboard('{Escape}');
    expect(input).toHaveAttribute('aria-expanded', 'false');
    expect(screen.queryByRole('option')).not.toBeInTheDocument();
    await user.keyboard('{Escape}');
    expect(input).toHaveValue('');
    expect(onSelect).not.toHaveBeenCalled();
  });

  it('chooses a suggestion on click', async () => {
    const { onSelect, user, input } = setup();
    await user.type(input, 'wan');
    await user.click(await screen.findByRole('option', { name: /UNOWAS/ }));
    expect(onSelect).toHaveBeenCalledExactlyOnceWith(searchResults[0]);
  });

  it('says when nothing matches', async () => {
    const { user, input } = setup([]);
    await user.type(input, 'zzz');
    await waitFor(() => expect(screen.getByRole('status')).toHaveTextContent('No actors match “zzz”.'));
    expect(input).toHaveAttribute('aria-expanded', 'false');
  });

  it('shows an API problem', async () => {
    mockFetch({
      '/api/actors/search': () =>
        problem(400, 'Invalid request', 'Query parameters are invalid', {
          errors: [{ field: 'limit', message: 'must be at most 50' }],
        }),
    });
    const user = userEvent.setup();
    render(<ActorSearch onSelect={vi.fn()} />);
    await user.type(screen.getByRole('combobox'), 'x');
    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('Invalid request');
    expect(alert).toHaveTextContent('Query parameters are invalid');
    expect(alert).toHaveTextContent('limit: must be at most 50');
    expect(alert).toHaveTextContent('Correct the fields listed and try again.');
    // The same request would be refused again: no Retry.
    expect(screen.queryByRole('button', { name: 'Retry' })).toBeNull();
  });

  it('never sends a term longer than the server accepts, and says why', async () => {
    const { fetchSpy, input } = setup();
    expect(input).toHaveAttribute('maxLength', '200');
    // A pasted or pre-filled text can still exceed it where the browser does not enforce maxLength.
    fireEvent.change(input, { target: { value: 'x'.repeat(300) } });
    await waitFor(() => expect(screen.getByRole('status')).toHaveTextContent('Search terms are at most 200 characters'));
    await new Promise((r) => setTimeout(r, 400));
    expect(fetchSpy).not.toHaveBeenCalled();
    expect(screen.queryByRole('alert')).toBeNull();
  });
});
