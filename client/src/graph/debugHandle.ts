import type { Core } from './cytoscape';

declare global {
  interface Window {
    /** Test hook for end-to-end tests; see exposeForTests. */
    __atlas?: { cy: Core };
  }
}

/** Dev/test builds always expose the hook; production only with ?debug=1 (used by the e2e suite). */
export function debugHookEnabled(mode: string = import.meta.env.MODE, search: string = window.location.search): boolean {
  return mode !== 'production' || new URLSearchParams(search).get('debug') === '1';
}

/** Publishes `cy` as window.__atlas.cy when allowed; returns the undo for unmount. */
export function exposeForTests(cy: Core): () => void {
  if (!debugHookEnabled()) return () => {};
  window.__atlas = { cy };
  return () => {
    if (window.__atlas?.cy === cy) delete window.__atlas;
  };
}
