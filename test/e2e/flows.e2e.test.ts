import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeExplorer, type ExplorerSession, onCy, openExplorer, pickActor, shoot, waitForDrawn } from './explorerPage.js';

let session: Partial<ExplorerSession> = {};
let server: ExplorerSession['server'];
let page: Page;

beforeAll(async () => {
  session = await openExplorer({ width: 1500, height: 950 });
  ({ server, page } = session as ExplorerSession);
});

afterAll(() => closeExplorer(session));

const highlighted = () =>
  onCy(page, (cy) => ({ nodes: cy.nodes('.highlighted').map((n) => n.id()), edges: cy.edges('.highlighted').length }));

describe('explorer flows in headless Chromium', () => {
  it('search → expand: draws only what is expanded, then grows in place without moving what was there', async () => {
    await page.goto(`${server.url}/?debug=1&scope=expanded`);
    await expect.poll(() => page.getByText(/Search for an actor to start/).isVisible()).toBe(true);
    await pickActor(page, 'Search actors', 'WANEP', /West Africa Network for Peacebuilding/);
    const first = await waitForDrawn(page);
    expect(first).toBeGreaterThan(1);
    const wanepAt = await onCy(page, (cy) => ({ ...cy.$id('actor-wanep').position() }));

    await onCy(page, (cy) => {
      cy.$id('actor-ecowas').emit('tap');
    });
    await page.getByRole('button', { name: 'Expand neighbours' }).click();
    await expect.poll(() => onCy(page, (cy) => cy.nodes().length), { timeout: 20_000 }).toBeGreaterThan(first);
    // Stable growth: the nodes already drawn stay where they were.
    expect(await onCy(page, (cy) => ({ ...cy.$id('actor-wanep').position() }))).toEqual(wanepAt);
    expect(page.url()).toContain('expand=actor-wanep%2Cactor-ecowas');
    await shoot(page, 'flow-expand.png');

    await page.getByRole('button', { name: 'Undo' }).click();
    await expect.poll(() => onCy(page, (cy) => cy.nodes().length)).toBe(first);
  });

  it('path: two actors picked by search, paths listed as sentences and highlighted; a step click focuses its edge', async () => {
    await page.goto(`${server.url}/?debug=1`);
    await waitForDrawn(page);
    await page.getByRole('tab', { name: 'Paths' }).click();
    await pickActor(page, 'From', 'WANEP', /West Africa Network for Peacebuilding/);
    await pickActor(page, 'To', 'African Union', /^African Union \(AU\)/);
    // Allowed types narrow the search (WANEP provides data to ECOWAS, part of APSA, part of the AU),
    // which keeps it well inside the query timeout on a busy machine.
    for (const type of ['sends early-warning data to', 'part of', 'member of'])
      await page.getByRole('checkbox', { name: type, exact: true }).check();
    await page.getByRole('button', { name: 'Find paths' }).click();
    const sentences = page.locator('.path-list .sentence');
    // The first search after start-up also plans the query and can hit the path timeout on a busy
    // machine; the panel then says so and offers Retry, as a person would use it.
    const retry = page.locator('.paths-panel').getByRole('button', { name: 'Retry' });
    await expect
      .poll(
        async () => {
          if (await retry.isVisible()) await retry.click();
          return sentences.count();
        },
        { timeout: 60_000, interval: 1000 },
      )
      .toBeGreaterThan(0);
    expect(await sentences.first().textContent()).toMatch(/WANEP .* (AU|African Union)/);
    await expect.poll(async () => (await highlighted()).nodes).toEqual(expect.arrayContaining(['actor-wanep', 'actor-au']));

    const step = page.locator('.steps button').first();
    await step.click();
    const focused = await onCy(page, (cy) => cy.edges('.focused').map((e) => e.id()));
    expect(focused).toHaveLength(1);
    await shoot(page, 'flow-path.png');
  }, 120_000);

  it('path with no answer says what to try', async () => {
    await page.getByRole('spinbutton', { name: /^At most steps/ }).fill('1');
    await page.getByRole('button', { name: 'Find paths' }).click();
    await expect
      .poll(() => page.locator('.empty-result').textContent(), { timeout: 30_000 })
      .toMatch(/No path within 1 hop.*; try allowing/);
  });

  it('responders: threat and region picked, ranked with breakdown, highlighted on the graph', async () => {
    const coverage = await (await fetch(`${server.url}/api/coverage?level=subregion`)).json();
    const cell = coverage.cells.find((c: { positioned: number }) => c.positioned > 0);
    await page.getByRole('tab', { name: 'Responders' }).click();
    await page.getByRole('combobox', { name: 'Threat' }).selectOption(cell.threat.id);
    await page.getByRole('combobox', { name: 'Region' }).selectOption(cell.region.id);
    await page.getByRole('button', { name: 'Rank responders' }).click();
    const first = page.locator('.responder').first();
    await first.waitFor({ timeout: 30_000 });
    expect(await first.textContent()).toMatch(/#1.*score/);
    expect(await first.locator('table.breakdown tbody tr').count()).toBeGreaterThan(0);
    await expect.poll(async () => (await highlighted()).nodes.length).toBeGreaterThan(0);
    await shoot(page, 'flow-responders.png');
  });

  it('heat map: a cell click lists its gaps and shows the actors on the graph', async () => {
    await page.getByRole('tab', { name: 'Gaps & coverage' }).click();
    const coverage = await (await fetch(`${server.url}/api/coverage?level=subregion`)).json();
    const cell = coverage.cells.find((c: { gaps: Record<string, number> }) => Object.values(c.gaps).some((n) => n > 0));
    const column = coverage.regions.findIndex((r: { id: string }) => r.id === cell.region.id);
    const row = page.locator('.heatmap tbody tr', { has: page.getByRole('rowheader', { name: cell.threat.name, exact: true }) });
    const button = row.locator('td').nth(column).getByRole('button');
    await button.click({ timeout: 30_000 });
    await expect.poll(() => button.getAttribute('aria-pressed')).toBe('true');
    await page.locator('.gap-list > li').first().waitFor({ timeout: 30_000 });
    await expect.poll(async () => (await highlighted()).nodes).toEqual(expect.arrayContaining([cell.threat.id, cell.region.id]));
    await shoot(page, 'flow-heatmap.png');
  });

  it('a shared link reopens the same view', async () => {
    const link = page.url();
    expect(link).toContain('panel=gaps');
    const before = await highlighted();
    const other = await (session as ExplorerSession).browser.newPage({ viewport: { width: 1500, height: 950 } });
    await other.goto(link);
    const pageBefore = page;
    page = other;
    try {
      await waitForDrawn(page);
      expect(await page.getByRole('tab', { name: 'Gaps & coverage' }).getAttribute('aria-selected')).toBe('true');
      await expect.poll(() => page.locator('.heatmap button[aria-pressed="true"]').count(), { timeout: 30_000 }).toBe(1);
      await expect.poll(async () => (await highlighted()).nodes.sort(), { timeout: 30_000 }).toEqual(before.nodes.sort());
      await shoot(page, 'flow-shared-link.png');
    } finally {
      await other.close();
      page = pageBefore;
    }
  });

  it('brokers: nodes sized by centrality, coloured by community, cut points marked', async () => {
    await page.getByRole('tab', { name: 'Brokers' }).click();
    await page.getByRole('button', { name: 'Show' }).click();
    await page.locator('table.ranked tbody tr').first().waitFor({ timeout: 30_000 });
    const marks = () =>
      onCy(page, (cy) => ({
        sized: cy.nodes('[size]').length > 0,
        coloured: cy.nodes('[communityFill]').length > 0,
        cut: cy.nodes('.articulation').length > 0,
      }));
    // On a loaded machine GDS's first in-memory graph can outlast a request (503 projection-pending,
    // Retry-After): the panel asks again until the communities come, as it does for "computing".
    await expect.poll(marks, { timeout: 90_000 }).toEqual({ sized: true, coloured: true, cut: true });
    await page.getByRole('combobox', { name: 'Layout' }).selectOption('concentric');
    await expect.poll(() => page.getByTestId('graph-canvas').getAttribute('data-layout')).toMatch(/^concentric/);
    await shoot(page, 'flow-brokers.png');
  }, 150_000);

  it('exports the view as PNG and SVG and the visible subgraph as GraphML', async () => {
    await page.getByText('Export').click();
    for (const [button, name] of [
      ['View as PNG', 'atlas-view.png'],
      ['View as SVG', 'atlas-view.svg'],
      ['Visible subgraph as GraphML', 'atlas-view.graphml'],
    ] as const) {
      const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: button }).click()]);
      expect(download.suggestedFilename()).toBe(name);
      const stream = await download.createReadStream();
      const chunks: Buffer[] = [];
      for await (const chunk of stream) chunks.push(chunk as Buffer);
      const file = Buffer.concat(chunks);
      expect(file.length).toBeGreaterThan(1000);
      // PNG header: width and height at bytes 16 and 20; the export is capped at 3,000 px a side.
      if (name.endsWith('.png')) expect(Math.max(file.readUInt32BE(16), file.readUInt32BE(20))).toBeLessThanOrEqual(3000);
    }
  });
});
