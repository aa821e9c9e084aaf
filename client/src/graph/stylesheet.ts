import type { StylesheetJson } from './cytoscape';

/**
 * A colour token of styles.css (`:root`): a canvas cannot use var(), so the graph reads the
 * tokens once, when it is created. Where no stylesheet is loaded (component tests in jsdom),
 * plain black stands in; nothing is painted there.
 */
function token(name: string): string {
  const root = typeof document === 'undefined' ? null : document.documentElement;
  return (root && getComputedStyle(root).getPropertyValue(name).trim()) || 'black';
}

/**
 * Fixed stylesheet: per-kind values come from element data (see toElements). Every state is shown
 * by more than colour (border width and style, size, fading the rest), so colour never carries
 * meaning alone.
 */
export function graphStylesheet(): StylesheetJson {
  const OUTLINE = token('--ink-strong');
  const SELECTED = token('--selected');
  const HIGHLIGHT = token('--accent');
  const EDGE = token('--line-strong');
  return [
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
        label: 'data(caption)',
        color: 'data(ink)',
        'font-size': 11,
        // Below this on-screen size labels are skipped: unreadable anyway, and costly at 5,000 nodes.
        'min-zoomed-font-size': 7,
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
    // The nodes a reader orients by keep their label at any zoom, sized to stay legible (readable.ts).
    {
      selector: 'node.landmark',
      // Not ellipsised: at a low zoom their font is large in model units and would hit text-max-width.
      style: {
        'font-size': 'data(labelSize)',
        'min-zoomed-font-size': 0,
        'font-weight': 'bold',
        'text-wrap': 'none',
        'z-index': 5,
      } as never,
    },
    // Members folded in: a double outline (the count is in the label), so it is not told by colour.
    { selector: 'node[folded]', style: { 'border-width': 4, 'border-style': 'double', 'border-color': OUTLINE } },
    { selector: 'node[size]', style: { width: 'mapData(size, 0, 1, 18, 72)', height: 'mapData(size, 0, 1, 18, 72)' } },
    {
      selector: 'node[communityFill]',
      style: { 'background-color': 'data(communityFill)', color: 'data(communityInk)', 'text-background-color': 'data(communityFill)' },
    },
    { selector: 'node.articulation', style: { 'border-width': 4, 'border-style': 'dashed', 'border-color': '#000000' } },
    { selector: 'node.pinned', style: { 'border-width': 5, 'border-style': 'double', 'border-color': OUTLINE } },
    { selector: 'node.highlighted', style: { 'border-width': 5, 'border-color': HIGHLIGHT, 'z-index': 9 } },
    {
      selector: 'edge',
      style: {
        width: 1,
        'line-color': EDGE,
        'target-arrow-color': EDGE,
        'target-arrow-shape': 'triangle',
        'curve-style': 'bezier',
        'arrow-scale': 0.7,
      },
    },
    // Large graphs: arrowheads cost two thirds of a frame at 10,000 edges (measured: 2.5 s → 0.9 s
    // a redraw in headless Chromium), so only highlighted edges keep them; straight edges skip
    // bezier bundling; labels are not ellipsised (measuring every label is slow) and show zoomed in.
    { selector: 'edge.large', style: { 'curve-style': 'straight', 'target-arrow-shape': 'none' } },
    { selector: 'node.large', style: { 'text-wrap': 'none', 'min-zoomed-font-size': 10 } },
    {
      selector: 'edge.highlighted',
      style: { 'target-arrow-shape': 'triangle', width: 4, 'line-color': HIGHLIGHT, 'target-arrow-color': HIGHLIGHT, 'z-index': 9 },
    },
    {
      selector: 'edge.focused',
      style: { width: 7, 'line-color': SELECTED, 'target-arrow-color': SELECTED, label: 'data(type)', 'font-size': 10, 'z-index': 11 },
    },
    { selector: '.faded', style: { opacity: 0.18, 'text-opacity': 0 } },
    { selector: 'node:selected', style: { 'border-width': 5, 'border-color': SELECTED, 'z-index': 10 } },
  ];
}
