import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeExplorer, type ExplorerSession, onCy, openExplorer, shoot, waitForDrawn } from './explorerPage.js';

let session: Partial<ExplorerSession> = {};
let server: ExplorerSession['server'];
let page: Page;

beforeAll(async () => {
  session = await openExplorer({ width: 1500, height: 950 });
  ({ server, page } = session as ExplorerSession);
});

afterAll(() => closeExplorer(session));

const NOTE = 'The Sahel Peace Collective (SPC) provides ECOWAS with early-warning data on a weekly basis.';

describe('from a document to a fact on the graph, in headless Chromium', () => {
  it('upload → proposals with quotes → accept the new actor, then its relationship → both drawn on the graph', async () => {
    await page.goto(`${server.url}/?debug=1`);
    await waitForDrawn(page);
    expect(await onCy(page, (cy) => cy.$id('actor-sahel-peace-collective').length)).toBe(0);

    await page.getByRole('tab', { name: 'Documents' }).click();
    await page.getByRole('textbox', { name: 'Title' }).fill('Field note from Niamey');
    await page.setInputFiles('input[type=file]', {
      name: 'field-note.md',
      mimeType: 'text/markdown',
      buffer: Buffer.from(`# Field note\n\n${NOTE}\n`),
    });
    await page.getByRole('button', { name: 'Propose facts' }).click();
    await expect.poll(() => page.getByText(/proposal\(s\) to review/).isVisible(), { timeout: 30_000 }).toBe(true);

    const proposals = page.getByRole('list', { name: 'Proposals' });
    const actor = proposals.getByRole('listitem', { name: 'New Actor: Sahel Peace Collective' });
    await expect.poll(() => actor.isVisible(), { timeout: 20_000 }).toBe(true);
    expect(await actor.locator('blockquote').textContent()).toBe(NOTE);
    await actor.getByRole('button', { name: 'Accept' }).click();
    await expect.poll(() => actor.locator('.decided').textContent(), { timeout: 20_000 }).toMatch(/accepted: actor-sahel-peace-collective/);

    const data = proposals.getByRole('listitem', {
      name: 'Sahel Peace Collective —PROVIDES_DATA_TO→ Economic Community of West African States',
    });
    await data.getByRole('button', { name: 'Accept' }).click();
    await expect.poll(() => data.locator('.decided').textContent(), { timeout: 20_000 }).toMatch(/^accepted/);

    // The graph reloads after each decision: the new actor and its edge to ECOWAS are drawn.
    await expect
      .poll(
        () =>
          onCy(
            page,
            (cy) =>
              cy.edges().filter((e) => e.source().id() === 'actor-sahel-peace-collective' && e.target().id() === 'actor-ecowas').length,
          ),
        {
          timeout: 30_000,
        },
      )
      .toBe(1);
    await shoot(page, 'documents-accepted-fact.png');
  });
});
