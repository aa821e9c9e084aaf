// The API under benchmark, in its own Node process (started by run.ts with tsx's loader), so its
// peak memory (VmHWM) is the API's alone, not the benchmark's generator's; a computation that
// blocks it past its time box is stopped by killing the process, without losing the bench.
import type { Server } from 'node:http';
import { createApp } from '../../server/src/app.js';
import { Database } from '../../server/src/db/database.js';

const uri = process.env.BENCH_NEO4J_URI as string;
const queryTimeoutMs = Number(process.env.BENCH_QUERY_TIMEOUT_MS);
const db = new Database({ uri, queryTimeoutMs });
const app = createApp({ db, clearance: 'RED' });
const server: Server = app.listen(0, '127.0.0.1', () => {
  const address = server.address();
  process.send?.({ port: typeof address === 'object' && address ? address.port : 0 });
});
process.on('message', async (message: unknown) => {
  if (message !== 'close') return;
  server.closeAllConnections();
  server.close();
  await db.close();
  process.send?.({ closed: true });
});
