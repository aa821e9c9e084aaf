import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { expect } from 'vitest';
import { repoRoot } from '../../server/src/config.js';
import type { Database } from '../../server/src/db/database.js';
import { launchChromium } from '../support/browser.js';
import { freshSeededDatabase, testDatabase } from '../support/neo4j.js';
import { startAppServer } from '../support/server.js';

export const artifacts = path.join(repoRoot, 'test', '.artifacts');
mkdirSync(artifacts, { recursive: true });

type Cy = import('cytoscape').Core;

/** What an end-to-end file starts from: the seeded database, the app serving it, a headless Chromium page. */
export interface ExplorerSession {
  db: Database;
  server: Awaited<ReturnType<typeof startAppServer>>;
  browser: Browser;
  page: Page;
}

export async function openExplorer(viewport: { width: number; height: number }): Promise<ExplorerSession> {
  const db = testDatabase();
  await freshSeededDatabase(db);
  const server = await startAppServer(db);
  const browser = await launchChromium();
  return { db, server, browser, page: await browser.newPage({ viewport }) };
}

export async function closeExplorer(session: Partial<ExplorerSession>): Promise<void> {
  await session.browser?.close();
  await session.server?.close();
  await session.db?.close();
}

/** Runs `fn` against the page's one Cytoscape instance (exposed with ?debug=1). */
export function onCy<T, A = undefined>(page: Page, fn: (cy: Cy, arg: A) => T, arg?: A): Promise<T> {
  return page.evaluate(
    ([source, a]) => {
      const cy = (window as unknown as { __atlas: { cy: Cy } }).__atlas.cy;
      return new Function('cy', 'arg', `return (${source})(cy, arg);`)(cy, a) as T;
    },
    [fn.toString(), arg] as const,
  );
}

/** Waits until the graph is drawn and laid out with `count` nodes (any count when omitted). */
export async function waitForDrawn(page: Page, count?: number): Promise<number> {
  const canvas = page.getByTestId('graph-canvas');
  let drawn = 0;
  await expect
    .poll(
      async () => {
        drawn = Number(await canvas.getAttribute('data-laid-out', { timeout: 1000 }).catch(() => null));
        return count === undefined ? drawn > 0 : drawn === count;
      },
      { timeout: 60_000 },
    )
    .toBe(true);
  return drawn;
}

export async function shoot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: path.join(artifacts, name) });
}

/** Picks an actor in the combobox labelled `label` by typing `text` and clicking the option matching `option`. */
export async function pickActor(page: Page, label: string | RegExp, text: string, option: RegExp): Promise<void> {
  const box = page.getByRole('combobox', { name: label, exact: true });
  await box.fill(text);
  await page.getByRole('option', { name: option }).first().click({ timeout: 15_000 });
}

export const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
