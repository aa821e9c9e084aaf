import { setImmediate as yieldToEventLoop } from 'node:timers/promises';

/**
 * A long analysis written as a generator that yields between units of work (a situation, a grid
 * cell), so it can run in one go (runSteps: tests, benches, a request with a budget) or in slices
 * that give the event loop back (runSliced: the planner cache computing in the background, which
 * must not stall every other request of the process for the minutes a 100k-actor count takes).
 */
export type Steps<T> = Generator<void, T, void>;

/** Runs to the end; `onStep` is called between units (a deadline check that throws). */
export function runSteps<T>(steps: Steps<T>, onStep?: () => void): T {
  for (;;) {
    const next = steps.next();
    if (next.done) return next.value;
    onStep?.();
  }
}

/** Runs to the end, giving the event loop back after about `sliceMs` of work; `onStep` as in runSteps (a deadline, a newer graph version). */
export async function runSliced<T>(steps: Steps<T>, { sliceMs = 20, onStep }: { sliceMs?: number; onStep?: () => void } = {}): Promise<T> {
  let sliceStart = performance.now();
  for (;;) {
    const next = steps.next();
    if (next.done) return next.value;
    onStep?.();
    if (performance.now() - sliceStart >= sliceMs) {
      await yieldToEventLoop();
      sliceStart = performance.now();
    }
  }
}
