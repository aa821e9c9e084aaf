import type { ReactNode } from 'react';
import type { RequestState as State } from '../../api/useRequest';
import { ProblemMessage } from '../Problem/ProblemMessage';

interface RequestStateProps<T> {
  request: State<T> & { retry: () => void };
  loading: string;
  children: (data: T) => ReactNode;
}

/** Loading, error (with retry) or the answer, the same way in every panel. */
export function RequestState<T>({ request, loading, children }: RequestStateProps<T>) {
  if (request.status === 'idle') return null;
  if (request.status === 'loading') return <p role="status">{loading}</p>;
  if (request.status === 'error') return <ProblemMessage problem={request.problem} onRetry={request.retry} />;
  return <>{children(request.data)}</>;
}
