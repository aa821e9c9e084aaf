import { useCallback, useEffect, useState } from 'react';
import { decodeView, encodeView } from './urlState';
import { useHistory } from './useHistory';
import type { ViewState, Workspace } from './viewState';

type ViewRest = Omit<ViewState, 'workspace'>;

/**
 * The view state, read from the URL once and written back (replaceState) on every change, so the
 * address bar always holds a link to the current view. Workspace changes are undoable.
 */
export function useView() {
  const [initial] = useState(() => decodeView(window.location.search));
  const { workspace: initialWorkspace, ...initialRest } = initial;
  const [rest, setRest] = useState<ViewRest>(initialRest);
  const history = useHistory<Workspace>(initialWorkspace);
  const view: ViewState = { ...rest, workspace: history.value };
  const encoded = encodeView(view);

  useEffect(() => {
    const url = `${window.location.pathname}${encoded ? `?${encoded}` : ''}${debugSuffix(encoded)}`;
    if (url !== `${window.location.pathname}${window.location.search}`) window.history.replaceState(null, '', url);
  }, [encoded]);

  const update = useCallback((patch: Partial<ViewRest>) => setRest((r) => ({ ...r, ...patch })), []);
  return { view, update, workspace: history };
}

/** Keeps the e2e suite's ?debug=1 across URL rewrites. */
function debugSuffix(encoded: string): string {
  if (new URLSearchParams(window.location.search).get('debug') !== '1') return '';
  return encoded ? '&debug=1' : '?debug=1';
}

/** Toggles `id` in one list of the workspace. */
export function toggle(workspace: Workspace, list: keyof Workspace, id: string): Workspace {
  const values = workspace[list];
  return { ...workspace, [list]: values.includes(id) ? values.filter((v) => v !== id) : [...values, id] };
}
