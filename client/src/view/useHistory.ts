import { useCallback, useState } from 'react';

interface History<T> {
  past: T[];
  present: T;
  future: T[];
}

/** A value with undo and redo; `set` records a step, `reset` replaces it without one. */
export function useHistory<T>(initial: T) {
  const [history, setHistory] = useState<History<T>>({ past: [], present: initial, future: [] });
  const set = useCallback(
    (update: (current: T) => T) =>
      setHistory((h) => {
        const next = update(h.present);
        return next === h.present ? h : { past: [...h.past, h.present], present: next, future: [] };
      }),
    [],
  );
  const undo = useCallback(
    () =>
      setHistory((h) => {
        const previous = h.past.at(-1);
        return previous === undefined ? h : { past: h.past.slice(0, -1), present: previous, future: [h.present, ...h.future] };
      }),
    [],
  );
  const redo = useCallback(
    () =>
      setHistory((h) => {
        const [next, ...rest] = h.future;
        return next === undefined ? h : { past: [...h.past, h.present], present: next, future: rest };
      }),
    [],
  );
  return {
    value: history.present,
    set,
    undo,
    redo,
    canUndo: history.past.length > 0,
    canRedo: history.future.length > 0,
  };
}
