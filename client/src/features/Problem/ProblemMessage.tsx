import { isRetryable } from '../../api/http';
import type { Problem } from '../../api/types';
import { nextStep } from './nextStep';

interface ProblemMessageProps {
  problem: Problem;
  /** Offered only when trying again can help (see isRetryable). */
  onRetry?: () => void;
}

/** An API problem (RFC 9457) as the user sees it: title, detail, field errors and a next step. */
export function ProblemMessage({ problem, onRetry }: ProblemMessageProps) {
  const step = nextStep(problem);
  return (
    <div className="problem" role="alert">
      <p className="problem-title">
        <strong>{problem.title}</strong>
        {problem.status ? <span className="problem-status"> (HTTP {problem.status})</span> : null}
      </p>
      {problem.detail && <p className="problem-detail">{problem.detail}</p>}
      {problem.errors && problem.errors.length > 0 && (
        <ul className="problem-errors">
          {problem.errors.map((e) => (
            <li key={`${e.field}:${e.message}`}>
              <code>{e.field}</code>: {e.message}
            </li>
          ))}
        </ul>
      )}
      {step && <p className="problem-next">{step}</p>}
      {onRetry && isRetryable(problem) && (
        <button type="button" onClick={onRetry}>
          Retry
        </button>
      )}
    </div>
  );
}
