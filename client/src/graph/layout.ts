import type { LayoutName } from '../view/viewState';
import type { Core, LayoutOptions } from './cytoscape';
import { regionPositions } from './regionLayout';

/** Zoom level a focused node is shown at, at least (labels are readable from about 1). */
export const FOCUS_ZOOM = 1.5;

/** Above this many nodes, layouts trade polish for speed. */
export const LARGE_GRAPH = 1500;

/**
 * The one place layouts are chosen. `weight` is the centrality a concentric layout rings nodes
 * by (degree when none is loaded).
 */
export function layoutOptions(name: LayoutName, cy: Core, weight: (id: string) => number | undefined): LayoutOptions {
  const large = cy.nodes().length > LARGE_GRAPH;
  if (name === 'concentric') {
    const value = (id: string, degree: number) => weight(id) ?? degree / Math.max(1, cy.nodes().maxDegree(false));
    return {
      name: 'concentric',
      animate: false,
      concentric: (node) => value(node.id(), node.degree(false)),
      levelWidth: () => 0.1,
      minNodeSpacing: large ? 4 : 12,
      padding: 30,
    } as LayoutOptions;
  }
  if (name === 'region') {
    const positions = regionPositions(cy);
    return { name: 'preset', positions: (node: { id(): string }) => positions.get(node.id()), padding: 30 } as LayoutOptions;
  }
  return {
    name: 'fcose',
    quality: large ? 'draft' : 'default',
    animate: false,
    randomize: true,
    nodeDimensionsIncludeLabels: !large,
    packComponents: true,
    padding: 30,
  } as LayoutOptions;
}
