import type { Positions } from '../api/types';
import { type Core, cytoscape, registerFcose } from './cytoscape';
import { layoutOptions } from './layout';

/** What a force layout needs of a graph: ids and ties, nothing the worker would have to clone twice. */
export interface LayoutInput {
  nodes: string[];
  edges: Array<[source: string, target: string]>;
}

export function layoutInput(cy: Core): LayoutInput {
  return { nodes: cy.nodes().map((n) => n.id()), edges: cy.edges().map((e) => [e.source().id(), e.target().id()]) };
}

/** fCoSE on a headless copy of the graph: runs the same in a Web Worker and, without one, in the page. */
export async function forcePositions(input: LayoutInput): Promise<Positions> {
  await registerFcose();
  const cy = cytoscape({
    headless: true,
    styleEnabled: true,
    elements: [
      ...input.nodes.map((id) => ({ group: 'nodes' as const, data: { id } })),
      ...input.edges.map(([source, target], i) => ({ group: 'edges' as const, data: { id: `e${i}`, source, target } })),
    ],
  });
  // The drawn size of a node (stylesheet); no labels can be measured off the page.
  cy.nodes().style({ width: 28, height: 28 });
  cy.layout({ ...layoutOptions('fcose', cy, () => undefined), nodeDimensionsIncludeLabels: false } as never).run();
  const positions: Positions = {};
  for (const node of cy.nodes()) positions[node.id()] = { ...node.position() };
  cy.destroy();
  return positions;
}

/**
 * The force layout the user asked for, computed in a Web Worker so the page stays responsive
 * (5,000 nodes take seconds); in the page where there are no workers (tests).
 */
export function forcePositionsOffThread(input: LayoutInput): Promise<Positions> {
  if (typeof Worker === 'undefined') return forcePositions(input);
  const worker = new Worker(new URL('./layout.worker.ts', import.meta.url), { type: 'module' });
  return new Promise<Positions>((resolve, reject) => {
    worker.onmessage = (event: MessageEvent<Positions>) => resolve(event.data);
    worker.onerror = (event) => reject(new Error(event.message || 'The layout worker failed'));
    worker.postMessage(input);
  }).finally(() => worker.terminate());
}
