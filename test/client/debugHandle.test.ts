import cytoscape from 'cytoscape';
import { describe, expect, it } from 'vitest';
import { debugHookEnabled, exposeForTests } from '../../client/src/graph/debugHandle';

describe('debugHookEnabled', () => {
  it('is on outside production, and in production only with ?debug=1', () => {
    expect(debugHookEnabled('development', '')).toBe(true);
    expect(debugHookEnabled('test', '')).toBe(true);
    expect(debugHookEnabled('production', '')).toBe(false);
    expect(debugHookEnabled('production', '?debug=0')).toBe(false);
    expect(debugHookEnabled('production', '?x=1&debug=1')).toBe(true);
  });
});

describe('exposeForTests', () => {
  it('publishes cy on window.__atlas and removes it on undo', () => {
    const cy = cytoscape({ headless: true });
    const undo = exposeForTests(cy);
    expect(window.__atlas?.cy).toBe(cy);
    undo();
    expect(window.__atlas).toBeUndefined();
    cy.destroy();
  });
});
