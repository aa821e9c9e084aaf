// A worker thread's job for the in-process engine (see workers.ts): a breadth-first kernel from
// the sources it was given, or a graphology computation, on adjacency arrays shared with the
// main thread; the result goes back as a transferred buffer.
import { parentPort, workerData } from 'node:worker_threads';
import { type GraphologyTask, graphologyKernel } from './graphologyKernels.js';
import { type AllPairsTask, allPairsKernel } from './paths.js';

export type WorkerJob =
  | { kind: 'all-pairs'; task: AllPairsTask; offsets: Uint32Array; targets: Uint32Array; sources: Uint32Array }
  | { kind: 'graphology'; task: GraphologyTask; offsets: Uint32Array; targets: Uint32Array; directed: boolean };

const job = workerData as WorkerJob;
const csr = { offsets: job.offsets, targets: job.targets };
const result = job.kind === 'all-pairs' ? allPairsKernel(job.task, csr, job.sources) : graphologyKernel(job.task, csr, job.directed);
parentPort?.postMessage(result, [result.buffer as ArrayBuffer]);
