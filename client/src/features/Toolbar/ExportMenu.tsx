import type { Graph } from '../../api/types';
import { type Core, registerSvg, type SvgExport } from '../../graph/cytoscape';
import { download, edgesCsv, graphMl, nodesCsv } from '../../graph/exporters';
import { Menu } from './Menu';

interface ExportMenuProps {
  cy: Core | null;
  graph: Graph;
}

/** Longest side of an exported PNG, in px: sharp on a slide or an A4 page, a few MB at most. */
export const PNG_MAX_SIDE = 3000;

/**
 * Twice the on-screen size for sharpness, but never beyond PNG_MAX_SIDE on either side. Cytoscape
 * sizes the image as the bounding box rounded up, times the scale, so the scale divides by that.
 */
export function pngScale(box: { w: number; h: number }): number {
  const longest = Math.ceil(Math.max(box.w, box.h, 1));
  return Math.min(2, PNG_MAX_SIDE / longest);
}

/** Export the view (PNG, SVG) and the visible subgraph (CSV, GraphML). */
export function ExportMenu({ cy, graph }: ExportMenuProps) {
  const image = async (kind: 'png' | 'svg') => {
    if (!cy) return;
    if (kind === 'png')
      download(
        'atlas-view.png',
        cy.png({
          output: 'blob',
          full: true,
          bg: '#ffffff',
          scale: pngScale(cy.elements().boundingBox()),
        }),
      );
    else {
      await registerSvg(); // the SVG exporter loads on first use, in its own chunk
      download('atlas-view.svg', (cy as unknown as SvgExport).svg({ full: true, bg: '#ffffff' }), 'image/svg+xml');
    }
  };
  return (
    <Menu summary="Export">
      <button type="button" disabled={!cy} onClick={() => image('png')}>
        View as PNG
      </button>
      <button type="button" disabled={!cy} onClick={() => image('svg')}>
        View as SVG
      </button>
      <button
        type="button"
        onClick={() => {
          download('atlas-nodes.csv', nodesCsv(graph), 'text/csv');
          download('atlas-edges.csv', edgesCsv(graph), 'text/csv');
        }}
      >
        Visible nodes and edges as CSV
      </button>
      <button type="button" onClick={() => download('atlas-view.graphml', graphMl(graph), 'application/graphml+xml')}>
        Visible subgraph as GraphML
      </button>
    </Menu>
  );
}
