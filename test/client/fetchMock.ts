import { vi } from 'vitest';

type Route = (url: URL) => Response | Promise<Response>;

export function json(body: unknown, status = 200): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
}

export function problem(status: number, title: string, detail?: string, extra: object = {}): Response {
  return new Response(JSON.stringify({ type: 'about:blank', title, status, detail, ...extra }), {
    status,
    headers: { 'content-type': 'application/problem+json' },
  });
}

/**
 * Replaces fetch with a router keyed by pathname (e.g. '/api/graph'); an unrouted path fails the
 * test loudly. Returns the spy so tests can count calls and read URLs.
 */
export function mockFetch(routes: Record<string, Route>) {
  return vi.spyOn(globalThis, 'fetch').mockImplementation(async (input) => {
    const url = new URL(String(input), 'http://atlas.test');
    const route = routes[url.pathname];
    if (!route) throw new Error(`Unexpected fetch in test: ${url.pathname}`);
    return route(url);
  });
}

/** The URLs fetch was called with, as URL objects. */
export function fetchedUrls(spy: ReturnType<typeof mockFetch>): URL[] {
  return spy.mock.calls.map(([input]) => new URL(String(input), 'http://atlas.test'));
}
