import cytoscape from 'cytoscape';

export type {
  Collection,
  Core,
  CytoscapeOptions,
  ElementDefinition,
  EventObject,
  LayoutOptions,
  NodeSingular,
  Position,
  StylesheetJson,
} from 'cytoscape';

/**
 * The single entry point to Cytoscape: every extension is registered here, once, so nothing else
 * imports `cytoscape` directly. Extensions load on first use, in their own chunks: the first draw
 * uses the server's positions and needs neither.
 * fCoSE: fast compound spring embedder (force-directed layout that scales to thousands of nodes).
 * cytoscape-svg: `cy.svg()` to export the view as a vector image.
 */
const once = (load: () => Promise<{ default: cytoscape.Ext }>) => {
  let loaded: Promise<void> | null = null;
  return () => {
    loaded ??= load().then((m) => {
      cytoscape.use(m.default);
    });
    return loaded;
  };
};
export const registerFcose = once(() => import('cytoscape-fcose'));
export const registerSvg = once(() => import('cytoscape-svg'));

export { cytoscape };

/** What cytoscape-svg adds to a Core (it ships no types). */
export interface SvgExport {
  svg(options?: { full?: boolean; scale?: number; bg?: string }): string;
}
