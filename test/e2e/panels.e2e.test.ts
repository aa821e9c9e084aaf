import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { artifacts, closeExplorer, type ExplorerSession, onCy, openExplorer, shoot, waitForDrawn } from './explorerPage.js';

const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

let session: Partial<ExplorerSession> = {};
let server: ExplorerSession['server'];
let page: Page;

beforeAll(async () => {
  session = await openExplorer({ width: 1440, height: 900 });
  ({ server, page } = session as ExplorerSession);
}, 180_000);

afterAll(() => closeExplorer(session));

interface Violation {
  id: string;
  impact: string | null;
  help: string;
  nodes: string[];
}

/**
 * Runs axe-core on the page as it is. The app's CSP (script-src 'self') refuses an inline
 * <script>, so axe is evaluated through the DevTools protocol (page.evaluate), which the CSP does
 * not govern, and the app's own policy stays in force for everything else.
 */
async function axe(name: string): Promise<Violation[]> {
  if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(axeSource);
  const violations = await page.evaluate(async () => {
    type Axe = { run: (context: Document, options: object) => Promise<{ violations: Array<Record<string, unknown>> }> };
    const result = await (window as unknown as { axe: Axe }).axe.run(document, { resultTypes: ['violations'] });
    return result.violations.map((v) => ({
      id: v.id as string,
      impact: (v.impact as string | null) ?? null,
      help: v.help as string,
      nodes: (v.nodes as Array<{ target: string[] }>).slice(0, 5).map((n) => n.target.join(' ')),
    }));
  });
  writeFileSync(path.join(artifacts, `axe-${name}.json`), JSON.stringify(violations, null, 2));
  return violations;
}

/** Serious and critical violations only: the bar every panel must clear. */
async function expectAccessible(name: string) {
  const violations = await axe(name);
  expect(violations.filter((v) => v.impact === 'serious' || v.impact === 'critical')).toEqual([]);
}

async function openPanel(name: string) {
  await page.getByRole('tab', { name }).click();
  await expect.poll(() => page.getByRole('tab', { name }).getAttribute('aria-selected')).toBe('true');
}

describe('every panel in headless Chromium, checked with axe-core', () => {
  it('the opening view and the details of a node', async () => {
    await page.goto(`${server.url}/?debug=1`);
    await waitForDrawn(page);
    await expectAccessible('opening');
    await onCy(page, (cy) => {
      cy.$id('actor-wanep').emit('tap');
    });
    await page.getByRole('heading', { name: /West Africa Network for Peacebuilding/ }).waitFor({ timeout: 20_000 });
    await expectAccessible('details');
    await shoot(page, 'panel-details.png');
  }, 120_000);

  it('the Filters menu: plain words, inside the window, closed by Escape', async () => {
    const summary = page.locator('details.filters > summary');
    await summary.click();
    await expect.poll(() => page.getByRole('checkbox', { name: 'member of', exact: true }).isVisible()).toBe(true);
    const body = await page.locator('details.filters .menu-body').boundingBox();
    expect((body?.x ?? 0) + (body?.width ?? 0)).toBeLessThanOrEqual(1440);
    await expectAccessible('filters');
    await shoot(page, 'panel-filters.png');
    await page.keyboard.press('Escape');
    await expect.poll(() => page.locator('details.filters').getAttribute('open')).toBeNull();
    await expect.poll(() => summary.evaluate((el) => el === document.activeElement)).toBe(true);
  }, 60_000);

  it('Paths: bounds the server accepts, and why it will not send more', async () => {
    await openPanel('Paths');
    const hops = page.getByRole('spinbutton', { name: /^At most steps/ });
    expect(await hops.getAttribute('max')).toBe('8');
    await hops.fill('9');
    await expect.poll(() => page.getByText('Steps must be a whole number from 1 to 8.').isVisible()).toBe(true);
    await expectAccessible('paths');
    await shoot(page, 'panel-paths.png');
    await hops.fill('6');
  }, 60_000);

  it('Responders: ranked, with how many are positioned', async () => {
    const coverage = await (await fetch(`${server.url}/api/coverage?level=subregion`)).json();
    const cell = coverage.cells.find((c: { positioned: number }) => c.positioned > 0);
    await openPanel('Responders');
    await page.getByRole('combobox', { name: 'Threat' }).selectOption(cell.threat.id);
    await page.getByRole('combobox', { name: 'Region' }).selectOption(cell.region.id);
    await page.getByRole('button', { name: 'Rank responders' }).click();
    await page.locator('.responder').first().waitFor({ timeout: 30_000 });
    await expect
      .poll(() =>
        page
          .getByText(new RegExp(`ranked, best first(, with \\d+ organs grouped under their organisation)?; ${cell.positioned} positioned`))
          .isVisible(),
      )
      .toBe(true);
    await expectAccessible('responders');
    await shoot(page, 'panel-responders.png');
  }, 60_000);

  it('Brokers: measures and captions in plain words', async () => {
    await openPanel('Brokers');
    await page.getByRole('button', { name: 'Show' }).click();
    await page.locator('table.ranked tbody tr').first().waitFor({ timeout: 30_000 });
    expect(await page.locator('table.ranked caption').textContent()).toMatch(/^Top \d+ of \d+ nodes by brokers/);
    await expectAccessible('brokers');
    await shoot(page, 'panel-brokers.png');
  }, 60_000);

  it('Gaps and coverage: full width, and the keyboard moves through the heat map', async () => {
    await openPanel('Gaps & coverage');
    await page.locator('.heatmap button').first().waitFor({ timeout: 30_000 });
    await page.getByRole('button', { name: 'Full-width view' }).click();
    const first = page.locator('.heatmap tbody tr').first().locator('button').first();
    await first.focus();
    const focused = () =>
      page.evaluate(() => {
        const el = document.activeElement as HTMLElement;
        const ids = (el.getAttribute('aria-describedby') ?? '').split(' ');
        return ids.map((id) => document.getElementById(id)?.textContent).join(' | ');
      });
    const start = await focused();
    await page.keyboard.press('ArrowRight');
    const right = await focused();
    expect(right).not.toBe(start);
    expect(right.split(' | ')[0]).toBe(start.split(' | ')[0]);
    await page.keyboard.press('ArrowDown');
    const down = await focused();
    expect(down.split(' | ')[1]).toBe(right.split(' | ')[1]);
    expect(down.split(' | ')[0]).not.toBe(right.split(' | ')[0]);
    await page.keyboard.press('Enter');
    await expect.poll(() => page.locator('.heatmap button[aria-pressed="true"]').count(), { timeout: 30_000 }).toBe(1);
    await page.locator('.gap-list, .gaps-panel .empty-result').first().waitFor({ timeout: 30_000 });
    // Only one cell is in the Tab order, the one the keyboard reached.
    expect(await page.locator('.heatmap button[tabindex="0"]').count()).toBe(1);
    await expectAccessible('gaps');
    await shoot(page, 'panel-gaps-wide.png');
    await page.keyboard.press('Escape');
    await expect.poll(() => page.locator('.wide-view').count()).toBe(0);
  }, 90_000);

  it('Map: countries coloured by actors positioned; a click lists the responders and gaps; a table as its alternative', async () => {
    const coverage = await (await fetch(`${server.url}/api/coverage?level=country`)).json();
    const cell = coverage.cells.find((c: { positioned: number }) => c.positioned > 0);
    await openPanel('Map');
    const map = page.getByRole('group', { name: /^Map of / });
    await map.waitFor({ timeout: 30_000 });
    await page.getByRole('combobox', { name: 'Threat' }).selectOption(cell.threat.id);
    await page.getByRole('button', { name: 'Full-width view' }).click();
    expect(await map.getByRole('button').count()).toBeGreaterThan(100);
    const country = map.getByRole('button', { name: new RegExp(`^${cell.region.name}: ${cell.positioned} positioned`) });
    await country.click();
    const details = page.getByRole('region', { name: `${cell.region.name}: responders and gaps` });
    await details.locator('.map-responders li').first().waitFor({ timeout: 30_000 });
    await details.locator('.gap-list, .empty-result').first().waitFor({ timeout: 30_000 });
    await expectAccessible('map');
    await shoot(page, 'panel-map.png');

    await page.getByRole('button', { name: 'Show as a table' }).click();
    const row = page.getByRole('row', { name: new RegExp(`^${cell.region.name} ${cell.positioned} `) });
    expect(await row.count()).toBe(1);
    await expectAccessible('map-table');
    await shoot(page, 'panel-map-table.png');
  }, 120_000);
});
