import type { StylesheetJson } from './cytoscape';

const OUTLINE = '#1f2937';
const SELECTED = '#d81b60';

/** Fixed stylesheet: per-kind values come from element data (see toElements). */
export const GRAPH_STYLESHEET: StylesheetJson = [
  {
    selector: 'node',
    style: {
      'background-color': 'data(fill)',
      shape: 'data(shape)' as never,
      width: 28,
      height: 28,
      // A dark outline keeps light fills distinguishable from the white canvas (WCAG 1.4.11).
      'border-width': 1.5,
      'border-color': OUTLINE,
      label: 'data(display)',
      color: 'data(ink)',
      'font-size': 11,
      'text-valign': 'bottom',
      'text-margin-y': 4,
      // The label sits on a pill of the node's own fill so its contrast is the checked fill/ink pair.
      'text-background-color': 'data(fill)',
      'text-background-opacity': 1,
      'text-background-padding': '2px',
      'text-background-shape': 'roundrectangle',
      'text-max-width': '140px',
      'text-wrap': 'ellipsis',
    },
  },
  {
    selector: 'node:selected',
    style: { 'border-width': 4, 'border-color': SELECTED, 'z-index': 10 },
  },
  {
    selector: 'edge',
    style: {
      width: 1,
      'line-color': '#9ca3af',
      'target-arrow-color': '#9ca3af',
      'target-arrow-shape': 'triangle',
      'curve-style': 'bezier',
      'arrow-scale': 0.7,
    },
  },
];
