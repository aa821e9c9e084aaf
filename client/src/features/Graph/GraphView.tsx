import { useEffect, useMemo, useRef } from 'react';
import type { Graph, GraphNode, Positions } from '../../api/types';
import { markFirstDraw } from '../../firstDraw';
import type { Core, ElementDefinition, EventObject } from '../../graph/cytoscape';
import type { Decoration, Highlight } from '../../graph/decoration';
import { captionOf, toElements } from '../../graph/elements';
import { forcePositionsOffThread, layoutInput } from '../../graph/forceLayout';
import { FOCUS_ZOOM, LARGE_GRAPH, layoutOptions } from '../../graph/layout';
import { placeAddedNodes } from '../../graph/placement';
import { applyPositions, covered, fitToNodes, markLandmarks, sizeLandmarkLabels } from '../../graph/readable';
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
  /** Where the server laid the graph out; the force layout's first draw uses them as they are. */
  positions?: Positions;
  /** Parent id → how many members are folded into it (shown on the node). */
  folded?: Record<string, number>;
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
  const { graph, positions, folded, layout, layoutNonce = 0, selectedId, focus, onSelectNode, onExpand } = props;
  const containerRef = useRef<HTMLDivElement>(null);
  const cy = useCytoscape(containerRef);
  const nodesById = useMemo(() => new Map(graph.nodes.map((n) => [n.id, n])), [graph]);
  const laidOut = useRef('');
  const nonceDrawn = useRef(layoutNonce);
  const positionsRef = useRef(positions);
  positionsRef.current = positions;
  const layoutRef = useRef(layout);
  layoutRef.current = layout;
  /** Whether the drawing is the server's layout (so nodes drawn later can take their place in it). */
  const onServerLayout = useRef(false);
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
    const elements = toElements(graph, folded);
    const wanted = new Set(elements.map((e) => e.data.id));
    const wasEmpty = cy.nodes().empty();
    const large = graph.nodes.length > LARGE_GRAPH;
    hideEdgesWhileMoving(cy, large);
    // One batch: styles are computed once for everything added, not element by element.
    cy.startBatch();
    cy.elements()
      .filter((e) => !wanted.has(e.id()))
      .remove();
    const fresh = elements.filter((e) => cy.getElementById(e.data.id ?? '').empty());
    // The first drawing is created where the server laid it out, with its final classes: no
    // frame with every node at the origin, no second style pass.
    const added = cy.add(firstDrawn(fresh, wasEmpty && layoutRef.current === 'fcose' ? positionsRef.current : undefined, large));
    markFirstDraw('elements-added');
    refreshFoldBadges(cy, folded ?? {});
    if (large) cy.elements(':not(.large)').addClass('large');
    else cy.elements('.large').removeClass('large');
    cy.endBatch();
    if (wasEmpty) laidOut.current = '';
    else if (added.nodes().nonempty()) {
      // Unfolded or expanded nodes take the server's place for them when the drawing is the
      // server's; the others go beside a neighbour. Either way nothing drawn moves.
      const unplaced = onServerLayout.current ? applyPositions(cy, positionsRef.current ?? {}, added) : added;
      if (unplaced.nonempty()) placeAddedNodes(cy, unplaced);
    }
    markLandmarks(cy);
    container.dataset.nodeCount = String(cy.nodes().length);
    container.dataset.edgeCount = String(cy.edges().length);
  }, [cy, graph, folded]);

  useEffect(() => {
    if (!cy) return;
    const onZoom = () => sizeLandmarkLabels(cy);
    cy.on('zoom', onZoom);
    return () => {
      cy.off('zoom', onZoom);
    };
  }, [cy]);

  // The first draw of the force layout takes the server's positions (no layout in the page); a
  // layout runs only when the user picks another one or asks for a re-run, the force layout then
  // in a Web Worker.
  // biome-ignore lint/correctness/useExhaustiveDependencies: graph triggers the first layout after a (re)draw
  useEffect(() => {
    const container = containerRef.current;
    const key = `${layout}:${layoutNonce}`;
    if (!cy || !container || cy.nodes().empty() || laidOut.current === key) return;
    laidOut.current = key;
    const asked = nonceDrawn.current !== layoutNonce;
    nonceDrawn.current = layoutNonce;
    onServerLayout.current = false;
    // e2e tests and the render bench wait on this attribute: written once the nodes are placed.
    const done = () => {
      if (cy.destroyed() || laidOut.current !== key) return;
      markFirstDraw('placed');
      container.dataset.layout = key;
      container.dataset.laidOut = String(cy.nodes().length);
      delete container.dataset.layingOut;
    };
    if (layout !== 'fcose') {
      const run = cy.layout(layoutOptions(layout, cy, (id) => weightRef.current(id)));
      run.one('layoutstop', done);
      run.run();
      return;
    }
    const serverPositions = positionsRef.current;
    if (!asked && covered(cy, serverPositions) > 0) {
      placeAddedNodes(cy, applyPositions(cy, serverPositions ?? {}));
      onServerLayout.current = true;
      fitToNodes(cy);
      done();
      return;
    }
    container.dataset.layingOut = 'force';
    forcePositionsOffThread(layoutInput(cy)).then(
      (computed) => {
        if (cy.destroyed() || laidOut.current !== key) return;
        applyPositions(cy, computed);
        fitToNodes(cy);
        done();
      },
      () => {
        // A worker that fails still leaves a drawing: the layout runs in the page instead.
        const run = cy.layout(layoutOptions('concentric', cy, (id) => weightRef.current(id)));
        run.one('layoutstop', done);
        run.run();
      },
    );
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

/** Elements to add, at their server positions (when given) and marked large (when the graph is). */
function firstDrawn(elements: ElementDefinition[], positions: Positions | undefined, large: boolean): ElementDefinition[] {
  if (!positions && !large) return elements;
  return elements.map((e) => {
    const at = e.group === 'nodes' ? positions?.[e.data.id ?? ''] : undefined;
    return { ...e, ...(at ? { position: { x: at.x, y: at.y } } : {}), ...(large ? { classes: 'large' } : {}) };
  });
}

/** Keeps each drawn node's fold badge (and the label it is shown in) equal to `folded`. */
function refreshFoldBadges(cy: Core, folded: Record<string, number>): void {
  cy.batch(() => {
    for (const node of cy.nodes('[folded]')) {
      if (!folded[node.id()]) node.removeData('folded').data('caption', captionOf(node.data('display')));
    }
    for (const [id, count] of Object.entries(folded)) {
      const node = cy.getElementById(id);
      if (node.nonempty() && node.data('folded') !== count) node.data({ folded: count, caption: captionOf(node.data('display'), count) });
    }
  });
}
