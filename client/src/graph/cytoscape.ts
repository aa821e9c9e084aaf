import cytoscape from 'cytoscape';

export type { Core, ElementDefinition, EventObject, LayoutOptions, StylesheetJson } from 'cytoscape';
/**
 * The single entry point to Cytoscape: every extension (e.g. fCoSE) is registered here, once,
 * so nothing else imports `cytoscape` directly and no instance is created before registration.
 */
export { cytoscape };
