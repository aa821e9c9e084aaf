import os from 'node:os';
import type { Worker } from 'node:worker_threads';
import { bundledWorker, runBundledWorker } from '../../workers/bundle.js';
import type { Adjacency } from './adjacency.js';
import { type GraphologyTask, graphologyKernel } from './graphologyKernels.js';
import { type AllPairsTask, allPairsKernel } from './paths.js';
import type { WorkerJob } from './worker.js';

/**
 * The in-process engine's computations run on worker threads, so a long one never holds the
 * event loop (other requests keep being answered), and the breadth-first ones (betweenness,
 * closeness, harmonic) are split over every core: two workers halve exact betweenness on the
 * 10k-actor benchmark graph. Small jobs run right here, where starting a worker would cost more
 * than the job.
 */

/** Below this many search steps (sources x (n + 2m)) a breadth-first job runs on the calling thread. */
export const PARALLEL_MIN_STEPS = 50_000_000;
/** Below this many edges a graphology job runs on the calling thread. */
export const GRAPHOLOGY_WORKER_MIN_EDGES = 20_000;
/** More threads than cores only add switching; four is plenty for one request. */
const MAX_WORKERS = 4;

export interface WorkerOptions {
  /** Worker threads for a breadth-first job; default: one per core (at most 4) once it is large enough. 0: this thread. */
  workers?: number;
  /** When a job on worker threads must be finished (epoch ms); past it the workers are stopped. */
  deadline?: number;
  /** When it aborts, the job's workers are stopped (or never started) and it rejects with the signal's reason. */
  signal?: AbortSignal;
}

/** A job on worker threads passed its deadline and was stopped. */
export class ComputationTimeout extends Error {
  constructor() {
    super('the computation passed its time budget and was stopped');
    this.name = 'ComputationTimeout';
  }
}

export async function runAllPairs(
  adj: Adjacency,
  task: AllPairsTask,
  sources: ArrayLike<number> | null,
  options: WorkerOptions = {},
): Promise<Float64Array> {
  const n = adj.ids.length;
  const chosen = sources ?? allNodes(n);
  const steps = chosen.length * (n + adj.targets.length);
  const workers = Math.min(
    chosen.length,
    options.workers ?? (steps < PARALLEL_MIN_STEPS ? 0 : Math.min(MAX_WORKERS, os.availableParallelism())),
  );
  // Weighted searches run here: the workers are handed the unweighted arrays only.
  if (workers < 1 || adj.weights) return allPairsKernel(task, adj, chosen);
  const offsets = shared(adj.offsets);
  const targets = shared(adj.targets);
  // Sources dealt round-robin: neighbouring ids often sit in the same region of the graph, and
  // dealing spreads expensive and cheap searches evenly.
  const shares = Array.from({ length: workers }, (_, w) => {
    const share = new Uint32Array(Math.ceil((chosen.length - w) / workers));
    for (let i = w, j = 0; i < chosen.length; i += workers, j++) share[j] = chosen[i] as number;
    return share;
  });
  const parts = await runWorkers(
    shares.map((share): WorkerJob => ({ kind: 'all-pairs', task, offsets, targets, sources: share })),
    options,
  );
  const [first, ...rest] = parts as [Float64Array, ...Float64Array[]];
  for (const part of rest) for (let i = 0; i < first.length; i++) first[i] = (first[i] as number) + (part[i] as number);
  return first;
}

/** PageRank, eigenvector or Louvain (graphologyKernels.ts), on one worker thread once the graph is large. */
export async function runGraphology(adj: Adjacency, task: GraphologyTask, options: WorkerOptions = {}): Promise<Float64Array> {
  const inWorker = options.workers === undefined ? adj.size >= GRAPHOLOGY_WORKER_MIN_EDGES : options.workers > 0;
  if (!inWorker || adj.weights) return graphologyKernel(task, adj, adj.directed);
  const job: WorkerJob = { kind: 'graphology', task, offsets: shared(adj.offsets), targets: shared(adj.targets), directed: adj.directed };
  const [result] = await runWorkers([job], options);
  return result as Float64Array;
}

function allNodes(n: number): Uint32Array {
  const all = new Uint32Array(n);
  for (let i = 0; i < n; i++) all[i] = i;
  return all;
}

/** The same array on a SharedArrayBuffer (a copy only when it is not on one already). */
function shared(array: Uint32Array): Uint32Array {
  if (array.buffer instanceof SharedArrayBuffer) return array;
  const copy = new Uint32Array(new SharedArrayBuffer(array.byteLength));
  copy.set(array);
  return copy;
}

/**
 * At most this many worker threads run at once in this process, whatever the number of requests:
 * more would only share the same cores and multiply memory. Jobs beyond it wait their turn (their
 * deadline keeps running).
 */
export const MAX_BUSY_WORKERS = Math.min(MAX_WORKERS, os.availableParallelism());
let busy = 0;
const waiting: Array<() => void> = [];
/** Worker threads running now (for tests and diagnostics). */
export const busyWorkers = () => busy;

function release(): void {
  busy -= 1;
  waiting.shift()?.();
}

function acquire({ deadline, signal }: WorkerOptions): Promise<void> {
  signal?.throwIfAborted();
  if (busy < MAX_BUSY_WORKERS) {
    busy += 1;
    return Promise.resolve();
  }
  return new Promise((resolve, reject) => {
    const leave = (error: unknown) => {
      const at = waiting.indexOf(turn);
      if (at >= 0) waiting.splice(at, 1);
      clearTimeout(timer);
      reject(error);
    };
    const aborted = () => leave(signal?.reason);
    const turn = () => {
      clearTimeout(timer);
      signal?.removeEventListener('abort', aborted);
      busy += 1;
      resolve();
    };
    const timer =
      deadline === undefined ? undefined : setTimeout(() => leave(new ComputationTimeout()), Math.max(0, deadline - Date.now()));
    signal?.addEventListener('abort', aborted, { once: true });
    waiting.push(turn);
  });
}

/** Runs the jobs on worker threads; the first failure (or the deadline, or the signal) stops them all. */
async function runWorkers(jobs: WorkerJob[], options: WorkerOptions): Promise<Float64Array[]> {
  const running: Worker[] = [];
  let failed = false;
  const one = async (job: WorkerJob): Promise<Float64Array> => {
    await acquire(options);
    try {
      if (failed) throw new Error('another part of this job failed');
      return await runWorker(job, options, running);
    } finally {
      release();
    }
  };
  try {
    return await Promise.all(jobs.map(one));
  } catch (error) {
    failed = true;
    await Promise.all(running.map((worker) => worker.terminate()));
    throw error;
  }
}

const WORKER_ENTRY = new URL('./worker.ts', import.meta.url);

/** worker.ts bundled once per process (workers/bundle.ts); start-up calls this ahead of time. */
export function compiledWorker(): Promise<string> {
  return bundledWorker(WORKER_ENTRY);
}

function runWorker(job: WorkerJob, { deadline, signal }: WorkerOptions, running: Worker[]): Promise<Float64Array> {
  return runBundledWorker<Float64Array>(WORKER_ENTRY, job, {
    name: 'a centrality worker',
    deadline,
    signal,
    timedOut: () => new ComputationTimeout(),
    onStart: (worker) => running.push(worker),
  });
}
