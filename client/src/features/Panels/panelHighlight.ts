import type { Graph } from '../../api/types';
import type { Highlight } from '../../graph/decoration';

/** A panel's highlight, with the nodes and edges it needs drawn that may not be drawn yet. */
export interface PanelHighlight extends Highlight {
  graph?: Graph;
}
