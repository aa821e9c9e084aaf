import { useEffect, useMemo, useRef } from 'react';
import type { Graph, GraphNode } from '../../api/types';
import type { EventObject } from '../../graph/cytoscape';
import { toElements } from '../../graph/elements';
import { FOCUS_ZOOM, GRAPH_LAYOUT } from '../../graph/layout';
import { useCytoscape } from '../../graph/useCytoscape';

/** A request to bring a node into view; `nonce` lets the same node be focused twice. */
export interface FocusRequest {
  id: string;
  nonce: number;
}

interface GraphViewProps {
  graph: Graph;
  selectedId: string | null;
  focus: FocusRequest | null;
  onSelectNode: (node: GraphNode | null) => void;
}

export function GraphView({ graph, selectedId, focus, onSelectNode }: GraphViewProps) {
  const containerRef = useRef<HTMLDivElement>(null);
  const cy = useCytoscape(containerRef);
  const nodesById = useMemo(() => new Map(graph.nodes.map((n) => [n.id, n])), [graph]);

  useEffect(() => {
    const container = containerRef.current;
    if (!cy || !container) return;
    cy.batch(() => {
      cy.elements().remove();
      cy.add(toElements(graph));
    });
    const layout = cy.layout(GRAPH_LAYOUT);
    // e2e tests wait on this attribute, so it is only written once the layout has placed the nodes.
    layout.one('layoutstop', () => {
      container.dataset.nodeCount = String(cy.nodes().length);
    });
    layout.run();
    return () => {
      layout.stop();
    };
  }, [cy, graph]);

  useEffect(() => {
    if (!cy) return;
    const onNodeTap = (event: EventObject) => onSelectNode(nodesById.get(event.target.id()) ?? null);
    const onBackgroundTap = (event: EventObject) => {
      if (event.target === cy) onSelectNode(null);
    };
    cy.on('tap', 'node', onNodeTap);
    cy.on('tap', onBackgroundTap);
    return () => {
      cy.off('tap', 'node', onNodeTap);
      cy.off('tap', onBackgroundTap);
    };
  }, [cy, nodesById, onSelectNode]);

  // graph is a dependency so the selection is re-applied after a redraw.
  // biome-ignore lint/correctness/useExhaustiveDependencies: see above
  useEffect(() => {
    if (!cy) return;
    cy.nodes(':selected').unselect();
    if (selectedId) cy.getElementById(selectedId).select();
  }, [cy, selectedId, graph]);

  useEffect(() => {
    if (!cy || !focus) return;
    const node = cy.getElementById(focus.id);
    if (node.empty()) return;
    // Jump rather than animate: the node is centred as soon as it is selected, which is also
    // what end-to-end tests observe, and nobody waits through motion they did not ask for.
    // Pan to the node's own position: cy.center() would centre its bounding box, label included.
    const zoom = Math.min(Math.max(cy.zoom(), FOCUS_ZOOM), cy.maxZoom());
    const { x, y } = node.position();
    cy.viewport({ zoom, pan: { x: cy.width() / 2 - x * zoom, y: cy.height() / 2 - y * zoom } });
  }, [cy, focus]);

  return (
    <div
      ref={containerRef}
      className="graph-canvas"
      data-testid="graph-canvas"
      role="img"
      aria-label={`Graph of ${graph.nodes.length} nodes and ${graph.edges.length} relationships. Use the actor search to select a node.`}
    />
  );
}
