import { UNREACHABLE_TYPE } from '../../api/http';
import type { Problem } from '../../api/types';

/** What the user can do about a problem, when the problem itself does not already say. */
export function nextStep(problem: Problem): string | null {
  if (problem.type === UNREACHABLE_TYPE) return null; // its detail already says what to do
  const status = problem.status ?? 0;
  if (status === 401) return 'Your session has ended; sign in again.';
  // A 422 without fields is a request too large to answer in time; its detail says what to narrow.
  if (status === 422 && !problem.errors?.length) return null;
  if (status === 400 || status === 422) return 'Correct the fields listed and try again.';
  if (status === 404) return 'It may have been removed or renamed; search for it again.';
  if (status === 503) return 'The database may still be starting; wait a moment and retry.';
  if (status >= 500)
    return 'Retry in a moment. If it happens again, tell the person who runs the Atlas what you were doing and when, so they can find it in the server log.';
  return null;
}
