import { SEARCH_LIMITS } from '@atlas/seed/src/contract';
import { searchActors } from '../../api/atlas';
import { useRequest } from '../../api/useRequest';
import { useDebouncedValue } from './useDebouncedValue';

export const SEARCH_DEBOUNCE_MS = 200;
export const SUGGESTION_LIMIT = 10;

/** Actor suggestions for what the user is typing, asked for once typing pauses. */
export function useActorSearch(text: string) {
  const query = useDebouncedValue(text.trim(), SEARCH_DEBOUNCE_MS);
  // The API refuses an empty or over-long term, so such a box asks for nothing.
  const tooLong = query.length > SEARCH_LIMITS.maxTermLength;
  const request = useRequest(query && !tooLong ? `search:${query}` : null, (signal) => searchActors(query, SUGGESTION_LIMIT, signal));
  return { ...request, query, tooLong };
}
