import cytoscape from 'cytoscape';
import fcose from 'cytoscape-fcose';
import svg from 'cytoscape-svg';

export type {
  Collection,
  Core,
  CytoscapeOptions,
  ElementDefinition,
  EventObject,
  LayoutOptions,
  NodeSingular,
  StylesheetJson,
} from 'cytoscape';

/**
 * The single entry point to Cytoscape: every extension is registered here, once, so nothing else
 * imports `cytoscape` directly and no instance is created before registration.
 * fCoSE: fast compound spring embedder (force-directed layout that scales to thousands of nodes).
 * cytoscape-svg: `cy.svg()` to export the view as a vector image.
 */
cytoscape.use(fcose);
cytoscape.use(svg);

export { cytoscape };

/** What cytoscape-svg adds to a Core (it ships no types). */
export interface SvgExport {
  svg(options?: { full?: boolean; scale?: number; bg?: string }): string;
}
