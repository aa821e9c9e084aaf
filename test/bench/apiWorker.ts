// The API under benchmark, in a worker thread of the bench process: its memory counts in the
// process RSS the bench samples, and a computation that blocks it (an in-process centrality
// past its time box) can be stopped with worker.terminate() without losing the bench itself.
import type { Server } from 'node:http';
import { parentPort, workerData } from 'node:worker_threads';
import { createApp } from '../../server/src/app.js';
import { Database } from '../../server/src/db/database.js';

const { uri, queryTimeoutMs } = workerData as { uri: string; queryTimeoutMs: number };
const db = new Database({ uri, queryTimeoutMs });
const app = createApp({ db, clearance: 'RED' });
const server: Server = app.listen(0, '127.0.0.1', () => {
  const address = server.address();
  parentPort?.postMessage({ port: typeof address === 'object' && address ? address.port : 0 });
});
parentPort?.on('message', async (message: unknown) => {
  if (message !== 'close') return;
  server.closeAllConnections();
  server.close();
  await db.close();
  parentPort?.postMessage({ closed: true });
});
