import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { type AppOptions, createApp, defaultClientDir } from '../../server/src/app.js';
import type { Sensitivity } from '../../server/src/config.js';
import type { Database } from '../../server/src/db/database.js';

/** The real app (API and built web app) on a free loopback port; `options` e.g. turns sign-in on. */
export async function startAppServer(
  db: Database,
  clearance: Sensitivity = 'RED',
  options: Partial<AppOptions> = {},
): Promise<{ url: string; close(): Promise<void> }> {
  const app = createApp({ db, clearance, clientDir: defaultClientDir, ...options });
  const server: Server = await new Promise((resolve) => {
    const s = app.listen(0, '127.0.0.1', () => resolve(s));
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
