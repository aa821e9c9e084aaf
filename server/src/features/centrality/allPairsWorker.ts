// One worker thread's share of an all-pairs computation (see allPairs.ts): the kernel from the
// sources it was given, on adjacency arrays shared with the main thread; the result goes back
// as a transferred buffer.
import { parentPort, workerData } from 'node:worker_threads';
import { type AllPairsTask, allPairsKernel } from './paths.js';

const { task, offsets, targets, sources } = workerData as {
  task: AllPairsTask;
  offsets: Uint32Array;
  targets: Uint32Array;
  sources: Uint32Array;
};
const result = allPairsKernel(task, { offsets, targets }, sources);
parentPort?.postMessage(result, [result.buffer as ArrayBuffer]);
