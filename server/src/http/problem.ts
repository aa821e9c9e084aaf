import type { ErrorRequestHandler, RequestHandler } from 'express';
import { AppError, translateDriverError } from '../errors.js';
import { requestIdOf } from './observability.js';

const PROBLEM_BASE = 'https://stakeholder-atlas.dev/problems/';

function toAppError(error: unknown): AppError {
  if (error instanceof AppError) return error;
  const translated = translateDriverError(error);
  if (translated) return translated;
  // Express decodes path parameters itself and throws a URIError for a broken %-escape (%ff).
  if (error instanceof URIError) {
    return new AppError(
      400,
      'invalid-path',
      'Invalid path',
      'A path segment is not valid percent-encoding (UTF-8 as %XX); encode ids with encodeURIComponent.',
      [{ field: 'path', message: 'not valid percent-encoding' }],
    );
  }
  if (isBodyParserError(error)) {
    return new AppError(error.status, 'invalid-body', 'Invalid request body', 'Send a JSON body within the size limit.');
  }
  return new AppError(500, 'internal', 'Internal server error', 'Something went wrong on the server; it has been logged.');
}

function isBodyParserError(error: unknown): error is { status: number; type: string } {
  return (
    typeof error === 'object' &&
    error !== null &&
    'type' in error &&
    'status' in error &&
    typeof (error as { status: unknown }).status === 'number'
  );
}

export const problemHandler: ErrorRequestHandler = (error, req, res, _next) => {
  const problem = toAppError(error);
  const requestId = requestIdOf(req);
  // The request's log line carries the error (requestLogging); when that log is off, stderr. Never the query string.
  // A "still computing, retry after" answer is the server working as meant, not a failure to log.
  if (problem.status >= 500 && problem.retryAfterS === undefined) {
    res.err = error instanceof Error ? error : new Error(String(error));
    if (!req.log?.isLevelEnabled('error')) console.error(`[api] ${req.method} ${req.path} failed:`, error);
  }
  if (problem.retryAfterS !== undefined) res.setHeader('Retry-After', String(problem.retryAfterS));
  res
    .status(problem.status)
    .type('application/problem+json')
    .json({
      type: PROBLEM_BASE + problem.code,
      title: problem.title,
      status: problem.status,
      detail: problem.detail,
      instance: req.originalUrl,
      // Quote it when reporting a problem: the server's log line for this request carries it.
      ...(requestId ? { requestId } : {}),
      ...(problem.errors ? { errors: problem.errors } : {}),
    });
};

export const apiNotFound: RequestHandler = (req, _res, next) => {
  next(
    new AppError(
      404,
      'no-such-endpoint',
      'No such endpoint',
      `${req.method} ${req.path} is not part of the API; see the README's API overview.`,
    ),
  );
};
