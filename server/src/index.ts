import type { Server } from 'node:http';
import { createApp, defaultClientDir } from './app.js';
import { ConfigError, loadConfig } from './config.js';
import { openGraphStore } from './graphStore.js';

async function main(): Promise<void> {
  const config = loadConfig();
  const store = await openGraphStore(config);
  const app = createApp({ db: store.db, clearance: config.clearance, clientDir: defaultClientDir });
  const server: Server = await new Promise((resolve, reject) => {
    const s = app.listen(config.port, config.host, () => resolve(s));
    s.once('error', reject);
  });
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  const host = config.host.includes(':') ? `[${config.host}]` : config.host;
  console.log(
    `\nStakeholder Atlas is ready at http://${host}:${port}/  (API at /api, ${store.describe}, clearance ${config.clearance})\nPress Ctrl-C to stop.`,
  );

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.log(`\n[atlas] ${signal}: stopping ...`);
    server.close();
    server.closeAllConnections();
    await store.close();
    process.exit(0);
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));
}

main().catch((error: unknown) => {
  if (error instanceof ConfigError) console.error(error.message);
  else console.error(`[atlas] could not start: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
