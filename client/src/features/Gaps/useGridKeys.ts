import { type KeyboardEvent, useRef, useState } from 'react';

interface Cell {
  row: number;
  col: number;
}

const within = (n: number, size: number) => Math.min(Math.max(n, 0), Math.max(size - 1, 0));

/** Where a key moves the active cell of a rows × cols grid, or null for a key the grid ignores. */
export function moveInGrid(key: string, ctrl: boolean, at: Cell, rows: number, cols: number): Cell | null {
  switch (key) {
    case 'ArrowRight':
      return { row: at.row, col: within(at.col + 1, cols) };
    case 'ArrowLeft':
      return { row: at.row, col: within(at.col - 1, cols) };
    case 'ArrowDown':
      return { row: within(at.row + 1, rows), col: at.col };
    case 'ArrowUp':
      return { row: within(at.row - 1, rows), col: at.col };
    case 'Home':
      return ctrl ? { row: 0, col: 0 } : { row: at.row, col: 0 };
    case 'End':
      return ctrl ? { row: rows - 1, col: cols - 1 } : { row: at.row, col: cols - 1 };
    default:
      return null;
  }
}

/**
 * Roving tabindex over a grid of buttons: one cell is in the Tab order (the last one used, or
 * `start`), and the arrow keys move focus between cells.
 */
export function useGridKeys(rows: number, cols: number, start: Cell | null) {
  const [active, setActive] = useState<Cell | null>(null);
  const buttons = useRef(new Map<string, HTMLButtonElement>());
  const fallback = start && start.row >= 0 && start.col >= 0 ? start : { row: 0, col: 0 };
  const current = active && active.row < rows && active.col < cols ? active : fallback;

  const onKeyDown = (event: KeyboardEvent<HTMLButtonElement>) => {
    const next = moveInGrid(event.key, event.ctrlKey || event.metaKey, current, rows, cols);
    if (!next) return;
    event.preventDefault();
    setActive(next);
    buttons.current.get(`${next.row}:${next.col}`)?.focus();
  };

  const cellProps = (row: number, col: number) => ({
    tabIndex: row === current.row && col === current.col ? 0 : -1,
    ref: (el: HTMLButtonElement | null) => {
      if (el) buttons.current.set(`${row}:${col}`, el);
      else buttons.current.delete(`${row}:${col}`);
    },
    onKeyDown,
    onFocus: () => setActive({ row, col }),
  });

  return { cellProps };
}
