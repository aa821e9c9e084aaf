import type { LayoutOptions } from './cytoscape';

/**
 * The one place the layout is chosen. Built-in cose for now; swapping to fCoSE means registering
 * it in ./cytoscape.ts and changing this object.
 */
export const GRAPH_LAYOUT: LayoutOptions = {
  name: 'cose',
  animate: false,
  nodeDimensionsIncludeLabels: true,
  randomize: true,
  padding: 30,
};

/** Zoom level a focused node is shown at, at least (labels are readable from about 1). */
export const FOCUS_ZOOM = 1.5;
