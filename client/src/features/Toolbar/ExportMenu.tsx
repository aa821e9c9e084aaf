import type { Graph } from '../../api/types';
import { type Core, registerSvg, type SvgExport } from '../../graph/cytoscape';
import { download, edgesCsv, graphMl, nodesCsv } from '../../graph/exporters';

interface ExportMenuProps {
  cy: Core | null;
  graph: Graph;
}

/** Export the view (PNG, SVG) and the visible subgraph (CSV, GraphML). */
export function ExportMenu({ cy, graph }: ExportMenuProps) {
  const image = async (kind: 'png' | 'svg') => {
    if (!cy) return;
    if (kind === 'png') download('atlas-view.png', cy.png({ output: 'blob', full: true, bg: '#ffffff', scale: 2 }));
    else {
      await registerSvg(); // the SVG exporter loads on first use, in its own chunk
      download('atlas-view.svg', (cy as unknown as SvgExport).svg({ full: true, bg: '#ffffff' }), 'image/svg+xml');
    }
  };
  return (
    <details className="menu">
      <summary>Export</summary>
      <div className="menu-body">
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
      </div>
    </details>
  );
}
