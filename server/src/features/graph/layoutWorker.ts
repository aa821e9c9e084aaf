// A worker thread's job (see layoutOffThread.ts): the positions of one graph version, sent back as
// one message, so a layout of seconds never holds the API's event loop.
import { parentPort, workerData } from 'node:worker_threads';
import { computePositions } from './layout.js';
import type { Subgraph } from './model.js';

parentPort?.postMessage(computePositions(workerData as Subgraph));
