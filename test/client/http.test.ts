import { describe, expect, it, vi } from 'vitest';
import { fetchActor } from '../../client/src/api/atlas';
import { ApiError, getJson, session } from '../../client/src/api/http';
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

  it('treats a bodiless 5xx (a dev proxy with no server behind it) as unreachable', async () => {
    mockFetch({ '/api/graph': () => new Response('', { status: 502 }) });
    expect(await problemOf(getJson('/graph'))).toMatchObject({ title: 'Cannot reach the API at /api', status: 502 });
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

  it('encodes ids in paths', async () => {
    const spy = mockFetch({ '/api/actors/a%2Fb': () => json({}) });
    await fetchActor('a/b');
    expect(String(spy.mock.calls[0]?.[0])).toBe('/api/actors/a%2Fb');
  });
});
