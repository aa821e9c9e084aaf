/**
 * Performance marks on the way to the first drawn graph (navigation → entry script (graph requested)
 * → app chunk evaluated → graph fetched → elements added → placed), read by the render bench's --profile (test/bench/render.ts) and by
 * DevTools' Performance panel. A mark costs microseconds.
 */
export type FirstDrawStep = 'entry' | 'app-start' | 'graph-fetched' | 'elements-added' | 'placed';

export function markFirstDraw(step: FirstDrawStep): void {
  if (typeof performance !== 'undefined' && performance.getEntriesByName(`atlas:${step}`).length === 0) {
    performance.mark(`atlas:${step}`);
  }
}
