import { fileURLToPath } from 'node:url';
import { type ResourceLimits, Worker } from 'node:worker_threads';
import { build } from 'esbuild';

const bundles = new Map<string, Promise<string>>();

/**
 * A worker's entry module and what it imports, bundled once per process by esbuild into one
 * CommonJS script (about a tenth of a second): every worker then starts plain JavaScript
 * (`new Worker(code, { eval: true })`), instead of booting tsx and compiling the TypeScript
 * modules again per worker. Used by the centrality workers, the graph layout worker and the
 * document worker (text extraction and fact proposals).
 */
export function bundledWorker(entry: URL): Promise<string> {
  const key = entry.href;
  let code = bundles.get(key);
  if (!code) {
    code = build({
      entryPoints: [fileURLToPath(entry)],
      bundle: true,
      platform: 'node',
      format: 'cjs',
      target: 'node20',
      write: false,
      logLevel: 'silent',
    }).then((result) => (result.outputFiles[0] as { text: string }).text);
    code.catch(() => bundles.delete(key)); // a failed build is tried again by the next job
    bundles.set(key, code);
  }
  return code;
}

export interface WorkerRun {
  /** What the worker is, for the error when it stops without answering ("a centrality worker"). */
  name: string;
  /** When the worker must have answered (epoch ms); past it, it is stopped and `timedOut()` rejects. */
  deadline?: number;
  /** Instead of a deadline: how long the worker may take from its start (the one-time bundling not counted). */
  timeoutMs?: number;
  /** The worker's heap cap and the like (an extraction worker reading a hostile file). */
  resourceLimits?: ResourceLimits;
  timedOut?: () => Error;
  /** Called with the started worker (so a caller can stop its siblings when one fails). */
  onStart?: (worker: Worker) => void;
  /** When it aborts, the worker is stopped and the run rejects with the signal's reason. */
  signal?: AbortSignal;
}

let live = 0;
/** Worker threads started here that have not exited yet (for tests that check nothing is left running). */
export const liveWorkers = () => live;

/** Runs the bundled `entry` on a worker thread with `data` and resolves with its one message; the worker is then stopped. */
export async function runBundledWorker<T>(entry: URL, data: unknown, run: WorkerRun): Promise<T> {
  const code = await bundledWorker(entry);
  run.signal?.throwIfAborted();
  return new Promise<T>((resolve, reject) => {
    const worker = new Worker(code, {
      eval: true,
      workerData: data,
      ...(run.resourceLimits ? { resourceLimits: run.resourceLimits } : {}),
    });
    live += 1;
    worker.once('exit', () => {
      live -= 1;
    });
    const deadline = run.timeoutMs === undefined ? run.deadline : Date.now() + run.timeoutMs;
    run.onStart?.(worker);
    let settled = false;
    const settle = (outcome: () => void) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      run.signal?.removeEventListener('abort', aborted);
      outcome();
      void worker.terminate();
    };
    const aborted = () => settle(() => reject(run.signal?.reason));
    run.signal?.addEventListener('abort', aborted, { once: true });
    const timer =
      deadline === undefined
        ? undefined
        : setTimeout(
            () => settle(() => reject(run.timedOut?.() ?? new Error(`${run.name} passed its time budget`))),
            Math.max(0, deadline - Date.now()),
          );
    worker.once('message', (result: T) => settle(() => resolve(result)));
    worker.once('error', (error) => settle(() => reject(error)));
    worker.once('exit', (exitCode) => settle(() => reject(new Error(`${run.name} stopped (exit code ${exitCode}) before it answered`))));
  });
}
