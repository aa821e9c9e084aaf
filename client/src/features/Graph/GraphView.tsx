import { useEffect, useMemo, useRef } from 'react';
import type { Graph, GraphNode } from '../../api/types';
import type { Core, EventObject } from '../../graph/cytoscape';
import type { Decoration, Highlight } from '../../graph/decoration';
import { toElements } from '../../graph/elements';
import { FOCUS_ZOOM, LARGE_GRAPH, layoutOptions } from '../../graph/layout';
import { placeAddedNodes } from '../../graph/placement';
import { hideEdgesWhileMoving, useCytoscape } from '../../graph/useCytoscape';
import type { LayoutName } from '../../view/viewState';
import { useGraphDecoration } from './useGraphDecoration';

/** A request to bring a node into view; `nonce` lets the same node be focused twice. */
export interface FocusRequest {
  id: string;
  nonce: number;
}

export interface GraphViewProps {
  graph: Graph;
  layout: LayoutName;
  /** Changing it re-runs the layout. */
  layoutNonce?: number;
  selectedId: string | null;
  focus: FocusRequest | null;
  highlight?: Highlight | null;
  decoration?: Decoration | null;
  pinned?: string[];
  onSelectNode: (node: GraphNode | null) => void;
  onExpand?: (id: string) => void;
  /** Hands out the one `cy` (for export) while it exists. */
  onCy?: (cy: Core | null) => void;
}

export function GraphView(props: GraphViewProps) {
  const { graph, layout, layoutNonce = 0, selectedId, focus, onSelectNode, onExpand } = props;
  const containerRef = useRef<HTMLDivElement>(null);
  const cy = useCytoscape(containerRef);
  const nodesById = useMemo(() => new Map(graph.nodes.map((n) => [n.id, n])), [graph]);
  const laidOut = useRef('');
  const { onCy } = props;
  useEffect(() => {
    onCy?.(cy);
    return () => onCy?.(null);
  }, [cy, onCy]);
  const weightRef = useRef<(id: string) => number | undefined>(() => undefined);
  weightRef.current = (id) => props.decoration?.size?.[id];

  // Keep the drawn elements equal to `graph`, moving nothing that stays: new nodes are placed
  // beside their neighbours; the layout only runs on the first draw or when asked.
  useEffect(() => {
    const container = containerRef.current;
    if (!cy || !container) return;
    const elements = toElements(graph);
    const wanted = new Set(elements.map((e) => e.data.id));
    const wasEmpty = cy.nodes().empty();
    cy.elements()
      .filter((e) => !wanted.has(e.id()))
      .remove();
    const added = cy.add(elements.filter((e) => cy.getElementById(e.data.id ?? '').empty()));
    const large = cy.nodes().length > LARGE_GRAPH;
    hideEdgesWhileMoving(cy, large);
    cy.batch(() => {
      if (large) cy.elements().addClass('large');
      else cy.elements('.large').removeClass('large');
    });
    if (wasEmpty) laidOut.current = '';
    else if (added.nodes().nonempty()) placeAddedNodes(cy, added);
    container.dataset.nodeCount = String(cy.nodes().length);
    container.dataset.edgeCount = String(cy.edges().length);
  }, [cy, graph]);

  // biome-ignore lint/correctness/useExhaustiveDependencies: graph triggers the first layout after a (re)draw
  useEffect(() => {
    const container = containerRef.current;
    const key = `${layout}:${layoutNonce}`;
    if (!cy || !container || cy.nodes().empty() || laidOut.current === key) return;
    laidOut.current = key;
    const run = cy.layout(layoutOptions(layout, cy, (id) => weightRef.current(id)));
    // e2e tests wait on this attribute, so it is only written once the layout has placed the nodes.
    run.one('layoutstop', () => {
      container.dataset.layout = key;
      container.dataset.laidOut = String(cy.nodes().length);
    });
    run.run();
  }, [cy, graph, layout, layoutNonce]);

  useEffect(() => {
    if (!cy) return;
    const onNodeTap = (event: EventObject) => onSelectNode(nodesById.get(event.target.id()) ?? null);
    const onBackgroundTap = (event: EventObject) => {
      if (event.target === cy) onSelectNode(null);
    };
    const onDoubleTap = (event: EventObject) => onExpand?.(event.target.id());
    cy.on('tap', 'node', onNodeTap);
    cy.on('tap', onBackgroundTap);
    cy.on('dbltap', 'node', onDoubleTap);
    return () => {
      cy.off('tap', 'node', onNodeTap);
      cy.off('tap', onBackgroundTap);
      cy.off('dbltap', 'node', onDoubleTap);
    };
  }, [cy, nodesById, onSelectNode, onExpand]);

  // graph is a dependency so the selection is re-applied after a redraw.
  // biome-ignore lint/correctness/useExhaustiveDependencies: see above
  useEffect(() => {
    if (!cy) return;
    cy.nodes(':selected').unselect();
    if (selectedId) cy.getElementById(selectedId).select();
  }, [cy, selectedId, graph]);

  useGraphDecoration(cy, graph, props.highlight ?? null, props.decoration ?? null, props.pinned ?? []);

  useEffect(() => {
    if (!cy || !focus) return;
    const node = cy.getElementById(focus.id);
    if (node.empty()) return;
    // Jump rather than animate: the node is centred as soon as it is selected, which is also
    // what end-to-end tests observe. Pan to the node's own position: cy.center() would centre
    // its bounding box, label included.
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
      aria-label={`Graph of ${graph.nodes.length} nodes and ${graph.edges.length} relationships. The table view lists them; use the actor search to select a node.`}
    />
  );
}
