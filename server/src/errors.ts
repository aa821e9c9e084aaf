import { Neo4jError } from 'neo4j-driver';
import type { ZodError } from 'zod';

export interface FieldProblem {
  field: string;
  message: string;
}

/** The one error type the API raises; the problem middleware turns it into RFC 9457 JSON. */
export class AppError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    readonly title: string,
    readonly detail?: string,
    readonly errors?: FieldProblem[],
    /** Seconds after which asking again may succeed (sent as Retry-After). */
    readonly retryAfterS?: number,
  ) {
    super(detail ?? title);
  }

  static notFound(what: string, id: string): AppError {
    return new AppError(404, 'not-found', `${what} not found`, `No ${what.toLowerCase()} with id '${id}' is visible to you.`);
  }

  static invalid(error: ZodError, where: 'query' | 'path' | 'body'): AppError {
    const errors = error.issues.map((issue) => ({
      field: [where, ...issue.path.map(String)].join('.'),
      message: issue.message,
    }));
    const fields = errors.map((e) => e.field).join(', ');
    return new AppError(400, 'invalid-request', 'Invalid request', `Check ${fields}.`, errors);
  }
}

const TIMEOUT_CODES = new Set([
  'Neo.ClientError.Transaction.TransactionTimedOut',
  'Neo.ClientError.Transaction.TransactionTimedOutClientConfiguration',
  'Neo.TransientError.Transaction.LockClientStopped',
]);

/** Every Neo4j failure is translated here, so no driver message or stack reaches a client. */
export function translateDriverError(error: unknown): AppError | undefined {
  if (!(error instanceof Neo4jError)) return undefined;
  if (TIMEOUT_CODES.has(error.code)) {
    return new AppError(
      503,
      'query-timeout',
      'The query took too long',
      'Narrow the request (fewer hops, fewer relationship types, a smaller region) and try again.',
    );
  }
  if (error.code === 'ServiceUnavailable' || error.code === 'SessionExpired') {
    return new AppError(
      503,
      'database-unavailable',
      'The graph database is not reachable',
      'Try again shortly; if it persists, check that Neo4j is running.',
    );
  }
  if (error.code === 'Neo.ClientError.Schema.ConstraintValidationFailed') {
    return new AppError(409, 'conflict', 'The change conflicts with existing data', 'An entity with that id already exists.');
  }
  return new AppError(500, 'database-error', 'The graph database reported an error', `Neo4j error code ${error.code}.`);
}
