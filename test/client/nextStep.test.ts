import { describe, expect, it } from 'vitest';
import { nextStep } from '../../client/src/features/Problem/nextStep';

describe('nextStep: what the user can do about a problem', () => {
  it('a 422 listing fields asks to correct them; one without fields (ran out of time) leaves it to its detail', () => {
    const invalid = {
      type: 'urn:invalid-request',
      title: 'Invalid request',
      status: 422,
      errors: [{ field: 'query.k', message: 'from 1 to 10' }],
    };
    expect(nextStep(invalid)).toMatch(/Correct the fields/);
    const tooLong = {
      type: 'urn:query-timeout',
      title: 'The path search took too long',
      status: 422,
      detail: 'Narrow it: fewer hops (maxHops)…',
    };
    expect(nextStep(tooLong)).toBeNull();
  });

  it('a 503 suggests waiting for the database, a 401 signing in again', () => {
    expect(nextStep({ type: 'urn:database-unavailable', title: 'The graph database is not reachable', status: 503 })).toMatch(/retry/);
    expect(nextStep({ type: 'urn:unauthenticated', title: 'Sign in', status: 401 })).toMatch(/sign in again/);
  });
});
