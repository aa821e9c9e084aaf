import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { FoldToggle } from '../../client/src/features/Graph/FoldToggle';
import { TableView } from '../../client/src/features/Graph/TableView';
import { smallGraph } from './fixtures';

describe('FoldToggle', () => {
  it('offers to draw the members of a folded organisation, then to fold them back', async () => {
    const onToggle = vi.fn();
    const { rerender } = render(<FoldToggle name="African Union" members={55} unfolded={false} onToggle={onToggle} />);
    const button = screen.getByRole('button', { name: 'Draw 55 members of African Union' });
    expect(button).toHaveAttribute('aria-pressed', 'false');
    await userEvent.click(button);
    expect(onToggle).toHaveBeenCalledOnce();
    rerender(<FoldToggle name="African Union" members={55} unfolded onToggle={onToggle} />);
    expect(screen.getByRole('button', { name: 'Fold 55 members into African Union' })).toHaveAttribute('aria-pressed', 'true');
  });

  it('is absent for a node with no members', () => {
    render(<FoldToggle name="WANEP" members={0} unfolded={false} onToggle={() => {}} />);
    expect(screen.queryByRole('button')).not.toBeInTheDocument();
  });
});

describe('TableView', () => {
  it('names kinds and relationships in plain words, the code as tooltip, and selects a node from its row', async () => {
    const onSelect = vi.fn();
    render(<TableView graph={smallGraph} onSelect={onSelect} />);
    expect(screen.getByRole('cell', { name: 'works in' })).toHaveAttribute('title', 'code: OPERATES_IN');
    expect(screen.queryByText('OPERATES_IN')).not.toBeInTheDocument();
    expect(screen.getAllByRole('cell', { name: 'UN entity' })).toHaveLength(2);
    await userEvent.click(screen.getByRole('button', { name: 'African Union' }));
    expect(onSelect).toHaveBeenCalledWith('a3');
  });
});
