import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { repoRoot } from '../../server/src/config.js';
import { closeExplorer, type ExplorerSession, onCy, openExplorer, pickActor, waitForDrawn } from './explorerPage.js';

/**
 * The README's screenshots, taken in headless Chromium at 1440×900 against the seed graph:
 * `npm run screenshots` (it builds the client and sets ATLAS_SCREENSHOTS=1; the normal suite skips
 * this file, so a test run never rewrites tracked images). Each picture is the view the README's
 * caption describes; the panels' own checks live in panels.e2e.test.ts and flows.e2e.test.ts.
 */
const folder = path.join(repoRoot, 'client', 'screenshots');
let session: Partial<ExplorerSession> = {};
let server: ExplorerSession['server'];
let page: Page;

const save = (name: string) => page.screenshot({ path: path.join(folder, name) });

async function openPanel(name: string) {
  await page.getByRole('tab', { name }).click();
  await expect.poll(() => page.getByRole('tab', { name }).getAttribute('aria-selected')).toBe('true');
}

async function opening() {
  await page.goto(`${server.url}/?debug=1`);
  await waitForDrawn(page);
}

describe.runIf(process.env.ATLAS_SCREENSHOTS === '1')('README screenshots (npm run screenshots)', () => {
  beforeAll(async () => {
    session = await openExplorer({ width: 1440, height: 900 });
    ({ server, page } = session as ExplorerSession);
  }, 180_000);
  afterAll(() => closeExplorer(session));

  it('the opening view, and WANEP found by search with its sources', async () => {
    await opening();
    await save('explorer-opening.png');
    await pickActor(page, 'Search actors', 'WANEP', /West Africa Network for Peacebuilding/);
    await expect.poll(() => onCy(page, (cy) => cy.$(':selected').map((n) => n.id()))).toEqual(['actor-wanep']);
    await page.getByRole('heading', { name: /West Africa Network for Peacebuilding/ }).waitFor({ timeout: 30_000 });
    await page
      .locator('.panel-body')
      .getByText(/Sources/i)
      .first()
      .waitFor({ timeout: 30_000 });
    await save('explorer-search.png');
  }, 120_000);

  it('Paths as sentences', async () => {
    await opening();
    await openPanel('Paths');
    await pickActor(page, 'From', 'WANEP', /West Africa Network for Peacebuilding/);
    await pickActor(page, 'To', 'African Union', /^African Union \(AU\)/);
    for (const type of ['sends early-warning data to', 'part of', 'member of'])
      await page.getByRole('checkbox', { name: type, exact: true }).check();
    const retry = page.locator('.paths-panel').getByRole('button', { name: 'Retry' });
    await page.getByRole('button', { name: 'Find paths' }).click();
    await expect
      .poll(
        async () => {
          if (await retry.isVisible()) await retry.click();
          return page.locator('.path-list .sentence').count();
        },
        { timeout: 90_000 },
      )
      .toBeGreaterThan(0);
    await save('explorer-paths.png');
  }, 150_000);

  it('who is positioned to respond', async () => {
    const coverage = await (await fetch(`${server.url}/api/coverage?level=subregion`)).json();
    const cell = coverage.cells
      .filter((c: { positioned: number }) => c.positioned > 0)
      .sort((a: { positioned: number }, b: { positioned: number }) => b.positioned - a.positioned)[0];
    await opening();
    await openPanel('Responders');
    await page.getByRole('combobox', { name: 'Threat' }).selectOption(cell.threat.id);
    await page.getByRole('combobox', { name: 'Region' }).selectOption(cell.region.id);
    await page.getByRole('button', { name: 'Rank responders' }).click();
    await page.locator('.responder').first().waitFor({ timeout: 60_000 });
    await save('explorer-responders.png');
  }, 120_000);

  it('brokers: sized by betweenness, coloured by community', async () => {
    await opening();
    await openPanel('Brokers');
    await page.getByRole('button', { name: 'Show' }).click();
    await page.locator('table.ranked tbody tr').first().waitFor({ timeout: 60_000 });
    await expect.poll(() => onCy(page, (cy) => cy.nodes('[communityFill]').length), { timeout: 60_000 }).toBeGreaterThan(0);
    await save('explorer-brokers.png');
  }, 120_000);

  it('gaps and coverage, full width, a cell chosen', async () => {
    await opening();
    await openPanel('Gaps & coverage');
    await page.locator('.heatmap button').first().waitFor({ timeout: 60_000 });
    await page.getByRole('button', { name: 'Full-width view' }).click();
    await page.locator('.heatmap td.affected button').first().click();
    await page.locator('.gap-list, .gaps-panel .empty-result').first().waitFor({ timeout: 60_000 });
    await save('explorer-heatmap.png');
  }, 120_000);

  it('the Map, full width, coloured by the actors positioned for armed conflict', async () => {
    await opening();
    await openPanel('Map');
    const map = page.getByRole('group', { name: /^Map of / });
    await map.waitFor({ timeout: 60_000 });
    const threat = page.getByRole('combobox', { name: 'Threat' });
    const armed = await threat
      .locator('option', { hasText: /armed conflict/i })
      .first()
      .getAttribute('value');
    if (armed) await threat.selectOption(armed);
    await page.getByRole('button', { name: 'Full-width view' }).click();
    await expect.poll(() => map.getByRole('button').count(), { timeout: 60_000 }).toBeGreaterThan(100);
    await save('explorer-map.png');
  }, 120_000);
});
