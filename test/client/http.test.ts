import { describe, expect, it, vi } from 'vitest';
import { fetchActor } from '../../client/src/api/atlas';
import { ApiError, getJson, isRetryable, session } from '../../client/src/api/http';
import { nextStep } from '../../client/src/features/Problem/nextStep';
import { json, mockFetch, problem } from './fetchMock';

async function problemOf(promise: Promise<unknown>) {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ApiError);
  return (error as ApiError).problem;
}

describe('getJson', () => {
  it('returns the parsed body', async () => {
    mockFetch({ '/api/health': () => json({ status: 'ok' }) });
    await expect(getJson('/health')).resolves.toEqual({ status: 'ok' });
  });

  it('passes problem+json bodies through', async () => {
    mockFetch({ '/api/actors/x': () => problem(404, 'Actor not found', 'No actor has id x') });
    expect(await problemOf(fetchActor('x'))).toMatchObject({ title: 'Actor not found', detail: 'No actor has id x', status: 404 });
  });

  it('treats a bodiless 502 (a proxy with no server behind it) as not answering, and a 500 as a server error', async () => {
    mockFetch({ '/api/graph': () => new Response('', { status: 502 }) });
    const gateway = await problemOf(getJson('/graph'));
    expect(gateway).toMatchObject({ title: 'The Atlas server is not answering', status: 502 });
    expect(isRetryable(gateway)).toBe(true);
    mockFetch({ '/api/graph': () => new Response('', { status: 500 }) });
    const failed = await problemOf(getJson('/graph'));
    expect(failed).toMatchObject({ title: 'The Atlas server ran into an error', status: 500, detail: 'Nothing you entered caused this.' });
    expect(nextStep(failed)).toMatch(/^Retry in a moment\. If it happens again, tell the person who runs the Atlas/);
    expect(isRetryable(failed)).toBe(true);
  });

  it('an unreachable API while offline says so; never tells a user to start a server', async () => {
    mockFetch({
      '/api/graph': () => {
        throw new TypeError('Failed to fetch');
      },
    });
    const online = vi.spyOn(navigator, 'onLine', 'get').mockReturnValue(false);
    try {
      const offline = await problemOf(getJson('/graph'));
      expect(offline).toMatchObject({ title: 'You appear to be offline', detail: 'Reconnect to the network, then retry.' });
    } finally {
      online.mockRestore();
    }
    const down = await problemOf(getJson('/graph'));
    expect(down.title).toBe('The Atlas server is not answering');
    expect(`${down.title} ${down.detail}`).not.toMatch(/npm/);
  });

  it('offers Retry only where trying again can help', () => {
    expect(isRetryable({ type: 'about:blank', title: 'Invalid request', status: 400 })).toBe(false);
    expect(isRetryable({ type: 'about:blank', title: 'Not found', status: 404 })).toBe(false);
    expect(isRetryable({ type: 'urn:too-many-gaps', title: 'Too many gaps', status: 422 })).toBe(false);
    expect(isRetryable({ type: 'urn:query-timeout', title: 'Took too long', status: 422 })).toBe(true);
    expect(isRetryable({ type: 'urn:database-unavailable', title: 'Database down', status: 503 })).toBe(true);
  });

  it('explains a non-JSON success, e.g. the SPA served instead of the API', async () => {
    mockFetch({ '/api/graph': () => new Response('<!doctype html>', { status: 200 }) });
    expect((await problemOf(getJson('/graph'))).title).toBe('Unexpected response from the API');
  });

  it('sends the browser back to sign-in when the session has ended (401), and only then', async () => {
    const original = session.onExpired;
    const expired = vi.fn();
    session.onExpired = expired;
    try {
      mockFetch({ '/api/graph': () => problem(401, 'Sign-in required') });
      expect((await problemOf(getJson('/graph'))).status).toBe(401);
      expect(expired).toHaveBeenCalledTimes(1);
      mockFetch({ '/api/graph': () => problem(403, 'Forbidden') });
      await problemOf(getJson('/graph'));
      expect(expired).toHaveBeenCalledTimes(1);
    } finally {
      session.onExpired = original;
    }
  });

  it('asks again after Retry-After while the server is still computing (503 computing or projection-pending), and stops when the request is dropped', async () => {
    vi.useFakeTimers();
    try {
      let calls = 0;
      const computing = () => problem(503, 'Still computing', 'Ask again in about 2 s', { type: 'https://x.test/problems/computing' });
      const withRetryAfter = (response: Response) => {
        response.headers.set('retry-after', '2');
        return response;
      };
      mockFetch({ '/api/gaps': () => (++calls < 3 ? withRetryAfter(computing()) : json({ total: 7 })) });
      const answer = getJson('/gaps');
      await vi.advanceTimersByTimeAsync(1_900);
      expect(calls).toBe(1);
      await vi.advanceTimersByTimeAsync(2_200);
      await expect(answer).resolves.toEqual({ total: 7 });
      expect(calls).toBe(3);

      calls = 0;
      const controller = new AbortController();
      mockFetch({
        '/api/gaps': () => {
          calls++;
          return withRetryAfter(computing());
        },
      });
      const dropped = getJson('/gaps', controller.signal).catch((e: unknown) => e);
      await vi.advanceTimersByTimeAsync(100);
      controller.abort();
      await vi.advanceTimersByTimeAsync(10_000);
      expect(await dropped).not.toBeInstanceOf(ApiError);
      expect(calls).toBe(1);
      // GDS still building its graph for a centrality (503 projection-pending) is waited on too.
      calls = 0;
      const pending = () =>
        withRetryAfter(
          problem(503, 'The graph is being prepared', 'Ask again in about 2 s', { type: 'https://x.test/problems/projection-pending' }),
        );
      mockFetch({ '/api/centrality/communities': () => (++calls < 2 ? pending() : json({ communities: [] })) });
      const prepared = getJson('/centrality/communities');
      await vi.advanceTimersByTimeAsync(2_100);
      await expect(prepared).resolves.toEqual({ communities: [] });
      expect(calls).toBe(2);
      // Another 503 (a database that is down) is not waited on: it is the problem to show.
      mockFetch({ '/api/gaps': () => problem(503, 'Database down') });
      expect((await problemOf(getJson('/gaps'))).status).toBe(503);
    } finally {
      vi.useRealTimers();
    }
  });

  it('encodes ids in paths', async () => {
    const spy = mockFetch({ '/api/actors/a%2Fb': () => json({}) });
    await fetchActor('a/b');
    expect(String(spy.mock.calls[0]?.[0])).toBe('/api/actors/a%2Fb');
  });
});
