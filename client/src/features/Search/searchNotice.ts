import { GRAPH_LIMIT } from '../../api/atlas';

export interface SearchedActor {
  id: string;
  name: string;
}

interface GraphState {
  /** The graph has loaded (it may still be empty). */
  loaded: boolean;
  truncated: boolean;
  /** The actor is drawn now. */
  drawn: boolean;
  /** The actor is in the loaded graph but the filters or "Hide" keep it out of the drawing. */
  filteredOut: boolean;
  /** Its neighbourhood is being fetched, after which it will be drawn. */
  loading: boolean;
}

/**
 * What to say about an actor chosen in the search, worked out from the graph as it is now (not
 * when it was chosen), so the notice never claims an actor is missing once it has been drawn.
 */
export function searchNotice(actor: SearchedActor | null, state: GraphState): string {
  if (!actor || state.drawn) return '';
  const { name } = actor;
  if (state.loading) return `Drawing ${name} and its neighbours…`;
  if (!state.loaded) return `${name} cannot be shown in the graph because the graph did not load. Its details are in the panel.`;
  if (state.filteredOut)
    return `${name} is hidden by the filters or by “Hide”. Its details are in the panel; clear the filters to draw it.`;
  const why = state.truncated ? ` (only the first ${GRAPH_LIMIT} nodes are drawn)` : '';
  return `${name} is not in the drawn graph${why}. Its details are in the panel.`;
}
