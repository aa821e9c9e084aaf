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

/** Padding (px) around a node when the viewport is fitted to it. */
export const FOCUS_PADDING = 120;
export const FOCUS_DURATION_MS = 400;
