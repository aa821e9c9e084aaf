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

/**
 * No answer from the Atlas server. Written for the person using the explorer, who cannot start
 * a server: what to check on their side, and whom to tell when waiting does not help.
 */
function unreachable(): Problem {
  if (typeof navigator !== 'undefined' && navigator.onLine === false) {
    return { type: UNREACHABLE_TYPE, title: 'You appear to be offline', detail: 'Reconnect to the network, then retry.' };
  }
  return {
    type: UNREACHABLE_TYPE,
    title: 'The Atlas server is not answering',
    detail: 'It may be restarting. Wait a minute and retry; if it still does not answer, tell the person who runs the Atlas for your team.',
  };
}

/** A server error that came without an explanation. */
function serverFailed(status: number): Problem {
  return {
    type: 'about:blank',
    title: 'The Atlas server ran into an error',
    status,
    detail: 'Nothing you entered caused this.',
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
  // A proxy in front of a stopped server answers 502-504 without a problem body.
  if ([502, 503, 504].includes(response.status) && body === undefined) return { ...unreachable(), status: response.status };
  if (response.status >= 500) return serverFailed(response.status);
  return {
    type: 'about:blank',
    title: response.statusText || `HTTP ${response.status}`,
    status: response.status,
    detail: `The API answered ${response.status} for ${response.url || 'the request'}.`,
  };
}

/** Requests started before the app mounted (see startEarly), by path. */
const early = new Map<string, Promise<Response>>();

/**
 * Starts a GET before the app has loaded (main.tsx), so the answer travels while the app's code is
 * parsed; the first getJson of the same path takes it instead of asking again.
 */
export function startEarly(path: string): void {
  const pending = fetch(`${API_BASE}${path}`, { headers: { accept: 'application/json' } });
  pending.catch(() => undefined); // a failure is reported by the getJson that takes it
  early.set(path, pending);
}

/**
 * How long the client keeps asking while the server says it is still computing an answer (a
 * whole-graph count or grid after a write: 503 with Retry-After and a problem of type
 * …/computing; GDS still building its in-memory graph for a centrality: …/projection-pending):
 * the panel keeps showing that it is loading, then shows the problem with Retry.
 */
export const COMPUTING_RETRY = { maxWaitMs: 10 * 60 * 1000, defaultDelayMs: 5_000 };

const STILL_WORKING = ['/computing', '/projection-pending'];

const isComputing = (response: Response, body: unknown) =>
  response.status === 503 &&
  isProblem(body) &&
  typeof body.type === 'string' &&
  STILL_WORKING.some((type) => (body.type as string).endsWith(type));

function retryDelayMs(response: Response): number {
  const seconds = Number(response.headers.get('retry-after'));
  return Number.isFinite(seconds) && seconds > 0 ? seconds * 1000 : COMPUTING_RETRY.defaultDelayMs;
}

function wait(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const timer = setTimeout(resolve, ms);
    signal?.addEventListener(
      'abort',
      () => {
        clearTimeout(timer);
        reject(signal.reason);
      },
      { once: true },
    );
  });
}

/** GET a JSON resource under /api, turning every failure into an ApiError carrying a Problem. */
export async function getJson<T>(path: string, signal?: AbortSignal): Promise<T> {
  let response: Response;
  let body: unknown;
  const started = early.get(path);
  early.delete(path);
  const giveUpAt = Date.now() + COMPUTING_RETRY.maxWaitMs;
  for (let pending = started; ; pending = undefined) {
    try {
      response = await (pending ?? fetch(`${API_BASE}${path}`, { headers: { accept: 'application/json' }, signal }));
    } catch (error) {
      if (signal?.aborted) throw error;
      throw new ApiError(unreachable());
    }
    body = await readBody(response);
    const delay = retryDelayMs(response);
    if (!isComputing(response, body) || Date.now() + delay > giveUpAt) break;
    await wait(delay, signal);
  }
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

/**
 * Whether trying the same request again can help: no answer, a server error, a busy server or a
 * query that ran out of time. A refused request (400, 404, 422 with fields) would fail the same way.
 */
export function isRetryable(problem: Problem): boolean {
  const status = problem.status ?? 0;
  if (problem.type === UNREACHABLE_TYPE || status >= 500 || status === 408 || status === 429) return true;
  return /timeout/i.test(problem.type);
}

export function toProblem(error: unknown): Problem {
  if (error instanceof ApiError) return error.problem;
  return {
    type: 'about:blank',
    title: 'Unexpected error',
    detail: error instanceof Error ? error.message : String(error),
  };
}
