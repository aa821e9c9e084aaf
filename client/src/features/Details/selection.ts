import type { GraphNode, NodeLabel } from '../../api/types';

/** What the details panel shows: a node from the drawn graph, or an actor chosen by search. */
export interface Selection {
  id: string;
  label: NodeLabel;
  name: string;
  /** The drawn node, when the selection is in the graph. */
  node?: GraphNode;
}
