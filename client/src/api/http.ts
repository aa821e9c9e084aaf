import type { Problem } from './types';

export const API_BASE = '/api';

/** An API call that failed; `problem` is what the server said, or what we could infer. */
export class ApiError extends Error {
  readonly problem: Problem;

  constructor(problem: Problem) {
    super(problem.detail ? `${problem.title}: ${problem.detail}` : problem.title);
    this.name = 'ApiError';
    this.problem = problem;
  }
}

export const UNREACHABLE_TYPE = 'about:blank#api-unreachable';

/** What happens when the API says the session is over (401): back to the sign-in page. Replaceable in tests. */
export const session = {
  onExpired: (): void => {
    if (window.location.pathname !== '/login') window.location.assign('/login');
  },
};

function unreachable(): Problem {
  return {
    type: UNREACHABLE_TYPE,
    title: `Cannot reach the API at ${API_BASE}`,
    detail: 'Is the server running? Start it with npm start, then retry.',
  };
}

function isProblem(body: unknown): body is Problem {
  return typeof body === 'object' && body !== null && typeof (body as Problem).title === 'string';
}

async function readBody(response: Response): Promise<unknown> {
  const text = await response.text();
  if (!text) return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

function problemFrom(response: Response, body: unknown): Problem {
  if (isProblem(body)) return { ...body, status: body.status ?? response.status };
  // A proxy in front of a stopped server answers 5xx without a problem body.
  if (response.status >= 500 && body === undefined) return { ...unreachable(), status: response.status };
  return {
    type: 'about:blank',
    title: response.statusText || `HTTP ${response.status}`,
    status: response.status,
    detail: `The API answered ${response.status} for ${response.url || 'the request'}.`,
  };
}

/** GET a JSON resource under /api, turning every failure into an ApiError carrying a Problem. */
export async function getJson<T>(path: string, signal?: AbortSignal): Promise<T> {
  let response: Response;
  try {
    response = await fetch(`${API_BASE}${path}`, { headers: { accept: 'application/json' }, signal });
  } catch (error) {
    if (signal?.aborted) throw error;
    throw new ApiError(unreachable());
  }
  const body = await readBody(response);
  if (response.status === 401) session.onExpired();
  if (!response.ok) throw new ApiError(problemFrom(response, body));
  if (body === undefined) {
    throw new ApiError({
      type: 'about:blank',
      title: 'Unexpected response from the API',
      status: response.status,
      detail: `Expected JSON from ${API_BASE}${path}. Is something other than the Atlas server answering on /api?`,
    });
  }
  return body as T;
}

export function toProblem(error: unknown): Problem {
  if (error instanceof ApiError) return error.problem;
  return {
    type: 'about:blank',
    title: 'Unexpected error',
    detail: error instanceof Error ? error.message : String(error),
  };
}
