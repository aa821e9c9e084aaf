import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { repoRoot } from '../../server/src/config.js';
import type { Database } from '../../server/src/db/database.js';
import { launchChromium } from '../support/browser.js';
import { freshSeededDatabase, testDatabase } from '../support/neo4j.js';
import { startAppServer } from '../support/server.js';
import { onCy, shoot, waitForDrawn } from './explorerPage.js';

const artifacts = path.join(repoRoot, 'test', '.artifacts');

let db: Database;
let server: Awaited<ReturnType<typeof startAppServer>>;
let browser: Browser;
let page: Page;
/** Anything the Content-Security-Policy blocked: the policy must let the whole app work. */
const cspViolations: string[] = [];

beforeAll(async () => {
  mkdirSync(artifacts, { recursive: true });
  db = testDatabase();
  await freshSeededDatabase(db);
  server = await startAppServer(db);
  browser = await launchChromium();
  page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
  page.on('console', (message) => {
    if (/Content Security Policy/i.test(message.text())) cspViolations.push(message.text());
  });
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
  await db?.close();
});

describe('the explorer in headless Chromium', () => {
  it('draws the seed graph where the server laid it out, organisations first, member states folded, the key nodes labelled', async () => {
    const api = await (await fetch(`${server.url}/api/graph?limit=5000`)).json();
    await page.goto(`${server.url}/?debug=1`);
    const drawnCount = await waitForDrawn(page);
    const drawn = await onCy(page, (cy) => ({
      ids: cy.nodes().map((n) => n.id()),
      positions: Object.fromEntries(cy.nodes().map((n) => [n.id(), n.position()])),
      edges: cy.edges().length,
      colours: new Set(cy.nodes().map((n) => n.style('background-color'))).size,
      folded: cy.nodes().filter((n) => ['member-state'].includes(n.data('kind'))).length,
      au: cy.$id('actor-au').data('caption'),
      // On-screen height of the landmark labels at the opening zoom.
      landmarks: cy.nodes('.landmark').map((n) => Number(n.data('labelSize')) * cy.zoom()),
    }));
    expect(drawn.ids.length).toBe(drawnCount);
    // 350 nodes at RED; the 120 member states and 125 countries are folded into their parents.
    expect(drawnCount).toBeLessThan(api.nodes.length / 2);
    expect(drawn.folded).toBe(0);
    expect(drawn.ids).not.toContain('country-ng');
    expect(drawn.au).toMatch(/^AU \+\d+$/);
    // No layout ran in the page: every node sits where GET /api/graph put it.
    for (const id of drawn.ids) expect(drawn.positions[id]).toEqual(api.positions[id]);
    expect(drawn.colours).toBeGreaterThan(3);
    expect(drawn.landmarks).toHaveLength(30);
    for (const px of drawn.landmarks) expect(px).toBeGreaterThanOrEqual(11.5);
    const legend = page.getByRole('region', { name: /legend/i });
    await expect.poll(() => legend.textContent()).toMatch(/Civil society/);
    expect(await legend.textContent()).not.toMatch(/civil-society|un-entity/);
    expect(await legend.textContent()).toMatch(/member states and countries are folded/);
    await shoot(page, 'explorer-graph.png');
  });

  it('keeps the panel tabs on one line and all in sight at 1280 and 1024 px, the legend beside the graph rather than over it', async () => {
    const box = async (locator: import('playwright-core').Locator) => (await locator.boundingBox()) ?? { x: 0, y: 0, width: 0, height: 0 };
    try {
      for (const width of [1280, 1024]) {
        await page.setViewportSize({ width, height: 800 });
        const row = await page.getByRole('tablist', { name: 'Panels' }).evaluate((list) => ({
          overflow: list.scrollWidth - list.clientWidth,
          right: list.getBoundingClientRect().right,
          tabs: Array.from(list.querySelectorAll('[role="tab"]'), (tab) => ({
            top: tab.getBoundingClientRect().top,
            right: tab.getBoundingClientRect().right,
          })),
        }));
        expect(new Set(row.tabs.map((t) => t.top)).size, `one line at ${width} px`).toBe(1);
        expect(row.overflow, `no tab scrolled out of sight at ${width} px`).toBeLessThanOrEqual(0);
        for (const tab of row.tabs) expect(tab.right).toBeLessThanOrEqual(row.right + 0.5);
        // The shortened label keeps its full name and says it as a tooltip.
        const gaps = page.getByRole('tab', { name: 'Gaps & coverage' });
        expect(await gaps.textContent()).toBe('Gaps');
        expect(await gaps.getAttribute('title')).toBe('Gaps & coverage');
        const canvas = await box(page.getByTestId('graph-canvas'));
        const legend = await box(page.getByRole('region', { name: /legend/i }));
        expect(legend.x).toBeGreaterThanOrEqual(canvas.x + canvas.width - 1);
      }
      await page.getByRole('tab', { name: 'Map' }).click();
      expect(await page.getByRole('tab', { name: 'Map' }).getAttribute('aria-selected')).toBe('true');
      await page.getByRole('tab', { name: 'Details' }).click();
    } finally {
      await page.setViewportSize({ width: 1400, height: 900 });
    }
  });

  it('draws and folds member states: one organisation from its details, all of them from the legend', async () => {
    const count = () => onCy(page, (cy) => cy.nodes().length);
    const auAt = () => onCy(page, (cy) => ({ ...cy.$id('actor-au').position() }));
    const before = await count();
    const where = await auAt();
    await onCy(page, (cy) => {
      cy.$id('actor-au').emit('tap');
    });
    await page.getByRole('button', { name: /^Draw 55 members of African Union/ }).click();
    await expect.poll(count).toBeGreaterThanOrEqual(before + 55 - 15); // states also in ECOWAS etc. count once
    expect(await onCy(page, (cy) => cy.$id('state-ng').nonempty())).toBe(true);
    expect(await auAt()).toEqual(where); // nothing already drawn moves
    expect(page.url()).toContain('unfold=actor-au');
    await shoot(page, 'explorer-unfolded.png');
    await page.getByRole('button', { name: /^Fold 55 members into African Union/ }).click();
    await expect.poll(count).toBe(before);

    await page.getByRole('button', { name: 'Draw them all' }).click();
    const api = await (await fetch(`${server.url}/api/graph?limit=5000`)).json();
    await expect.poll(count).toBe(api.nodes.length);
    await page.getByRole('button', { name: 'Fold them again' }).click();
    await expect.poll(count).toBe(before);
    // The legend folds away to its heading, leaving the graph the room.
    await page.getByRole('button', { name: 'Legend' }).click();
    expect(
      await page
        .getByRole('region', { name: /legend/i })
        .getByRole('listitem')
        .count(),
    ).toBe(0);
    await page.getByRole('button', { name: 'Legend' }).click();
  });

  it('search centres and selects the actor found', async () => {
    const box = page.getByRole('combobox', { name: /search/i });
    await box.fill('WANEP');
    const option = page.getByRole('option', { name: /West Africa Network for Peacebuilding/i });
    await option.waitFor({ timeout: 10_000 });
    await box.press('ArrowDown');
    await box.press('Enter');
    await expect
      .poll(() =>
        page.evaluate(() => {
          const cy = (window as unknown as { __atlas: { cy: import('cytoscape').Core } }).__atlas.cy;
          return cy.$(':selected').map((n) => n.id());
        }),
      )
      .toEqual(['actor-wanep']);
    const centred = await page.evaluate(() => {
      const cy = (window as unknown as { __atlas: { cy: import('cytoscape').Core } }).__atlas.cy;
      const p = cy.$id('actor-wanep').renderedPosition();
      return { dx: Math.abs(p.x - cy.width() / 2), dy: Math.abs(p.y - cy.height() / 2) };
    });
    expect(centred.dx).toBeLessThan(40);
    expect(centred.dy).toBeLessThan(40);
    await expect
      .poll(() => page.getByRole('complementary').textContent(), { timeout: 10_000 })
      .toMatch(/the West African Network for Peacebuilding \(WANEP\)/);
    await page.screenshot({ path: path.join(artifacts, 'explorer-search.png') });
  });

  it('works under the security headers, with nothing blocked by the Content-Security-Policy', async () => {
    const res = await fetch(server.url);
    expect(res.headers.get('content-security-policy')).toMatch(/script-src 'self'/);
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(cspViolations).toEqual([]);
  });
});

describe('signing in through the one-time link', () => {
  const token = 'e2e-one-time-link-secret';
  let secured: Awaited<ReturnType<typeof startAppServer>>;

  beforeAll(async () => {
    secured = await startAppServer(db, 'RED', {
      auth: { sessionSecret: 'e2e-session-secret-long-enough-0123456789', localAdminToken: token },
    });
  });

  afterAll(async () => {
    await secured?.close();
  });

  it('sends a browser without a session to the sign-in page, and the link signs it in once', async () => {
    const context = await browser.newContext();
    const tab = await context.newPage();
    await tab.goto(secured.url);
    await expect.poll(() => new URL(tab.url()).pathname).toBe('/login');
    await expect.poll(() => tab.getByRole('button', { name: /sign in/i }).count()).toBe(1);

    await tab.goto(`${secured.url}/?token=${token}&debug=1`);
    await expect.poll(() => new URL(tab.url()).pathname).toBe('/');
    const canvas = tab.getByTestId('graph-canvas');
    await expect.poll(async () => Number(await canvas.getAttribute('data-node-count')), { timeout: 30_000 }).toBeGreaterThan(100);
    const cookies = await context.cookies();
    expect(cookies.find((c) => c.name === 'atlas_session')).toMatchObject({ httpOnly: true, sameSite: 'Strict' });

    const again = await (await browser.newContext()).newPage();
    const used = await again.goto(`${secured.url}/?token=${token}`);
    expect(used?.status()).toBe(401);
    await context.close();
  });
});
