import { runBundledWorker } from '../../workers/bundle.js';
import type { Positions } from './layout.js';
import type { Subgraph } from './model.js';

/** Past this a layout is abandoned (the explorer then lays the graph out in the browser). */
export const LAYOUT_TIMEOUT_MS = 120_000;

const ENTRY = new URL('./layoutWorker.ts', import.meta.url);

/**
 * computePositions on a worker thread: fCoSE takes 0.3–3.3 s (more under load) once per graph
 * version, which on the event loop stopped every other request meanwhile.
 */
export function positionsOffThread(graph: Subgraph): Promise<Positions> {
  return runBundledWorker<Positions>(ENTRY, graph, { name: 'the graph layout worker', deadline: Date.now() + LAYOUT_TIMEOUT_MS });
}
