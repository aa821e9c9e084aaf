import { useEffect } from 'react';
import type { Graph } from '../../api/types';
import type { Core } from '../../graph/cytoscape';
import { communityStyle, type Decoration, type Highlight } from '../../graph/decoration';

/** Applies panel highlights, broker sizing/colouring and pins to the drawn graph. */
export function useGraphDecoration(
  cy: Core | null,
  graph: Graph,
  highlight: Highlight | null,
  decoration: Decoration | null,
  pinned: string[],
) {
  // biome-ignore lint/correctness/useExhaustiveDependencies: graph re-applies classes to newly drawn elements
  useEffect(() => {
    if (!cy) return;
    cy.batch(() => {
      // Only touch elements that carry a mark: a style pass over 15,000 elements costs seconds.
      cy.elements('.highlighted, .faded, .focused').removeClass('highlighted faded focused');
      if (!highlight) return;
      const marked = cy.collection();
      for (const id of [...highlight.nodes, ...highlight.edges]) marked.merge(cy.getElementById(id));
      marked.addClass('highlighted');
      cy.elements().not(marked).addClass('faded');
    });
  }, [cy, highlight, graph]);

  useEffect(() => {
    const focus = highlight?.focus;
    if (!cy || !focus) return;
    const target = cy.collection();
    for (const id of [...focus.nodes, ...focus.edges]) target.merge(cy.getElementById(id));
    target.edges().addClass('focused');
    const around = target.union(target.connectedNodes());
    if (around.nonempty()) cy.fit(around, 80);
  }, [cy, highlight]);

  // biome-ignore lint/correctness/useExhaustiveDependencies: graph re-applies data to newly drawn nodes
  useEffect(() => {
    if (!cy) return;
    cy.batch(() => {
      cy.nodes('[size], [communityFill]').removeData('size communityFill communityInk');
      cy.nodes('.articulation').removeClass('articulation');
      if (!decoration) return;
      for (const [id, value] of Object.entries(decoration.size ?? {})) cy.getElementById(id).data('size', value);
      for (const [id, index] of Object.entries(decoration.community ?? {})) {
        const { fill, ink } = communityStyle(index);
        cy.getElementById(id).data({ communityFill: fill, communityInk: ink });
      }
      for (const id of decoration.articulation ?? []) cy.getElementById(id).addClass('articulation');
    });
  }, [cy, decoration, graph]);

  // biome-ignore lint/correctness/useExhaustiveDependencies: graph re-applies pins to newly drawn nodes
  useEffect(() => {
    if (!cy) return;
    cy.batch(() => {
      cy.nodes('.pinned').removeClass('pinned').unlock();
      for (const id of pinned) cy.getElementById(id).addClass('pinned').lock();
    });
  }, [cy, pinned, graph]);
}
