import type { Graph } from '../../api/types';
import { kindOf, styleFor } from '../../graph/palette';
import { relTypeWord, tooltip } from '../../vocabulary';

interface TableViewProps {
  graph: Graph;
  onSelect: (id: string) => void;
}

/** The visible nodes and relationships as tables: the graph for screen readers and keyboards. */
export function TableView({ graph, onSelect }: TableViewProps) {
  const names = new Map(graph.nodes.map((n) => [n.id, n.name]));
  return (
    <section className="table-view" aria-label="Table view of the visible graph">
      <table>
        <caption>{graph.nodes.length} visible nodes</caption>
        <thead>
          <tr>
            <th scope="col">Name</th>
            <th scope="col">Kind</th>
            <th scope="col">Sensitivity</th>
          </tr>
        </thead>
        <tbody>
          {graph.nodes.map((n) => (
            <tr key={n.id}>
              <td>
                <button type="button" className="link" onClick={() => onSelect(n.id)}>
                  {n.name}
                </button>
              </td>
              <td>{styleFor(kindOf(n)).name}</td>
              <td>{n.sensitivity}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <table>
        <caption>{graph.edges.length} visible relationships</caption>
        <thead>
          <tr>
            <th scope="col">From</th>
            <th scope="col">Relationship</th>
            <th scope="col">To</th>
          </tr>
        </thead>
        <tbody>
          {graph.edges.map((e) => (
            <tr key={e.id}>
              <td>{names.get(e.source) ?? e.source}</td>
              <td title={tooltip(relTypeWord(e.type), e.type)}>{relTypeWord(e.type).name}</td>
              <td>{names.get(e.target) ?? e.target}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
