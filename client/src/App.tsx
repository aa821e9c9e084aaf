import { useCallback, useMemo, useState } from 'react';
import { GRAPH_LIMIT } from './api/atlas';
import type { ActorSearchResult, GraphNode, GraphResponse } from './api/types';
import { DetailsPanel } from './features/Details/DetailsPanel';
import type { Selection } from './features/Details/selection';
import { type FocusRequest, GraphView } from './features/Graph/GraphView';
import { Legend } from './features/Graph/Legend';
import { useGraph } from './features/Graph/useGraph';
import { ProblemMessage } from './features/Problem/ProblemMessage';
import { ActorSearch } from './features/Search/ActorSearch';
import { legendEntries } from './graph/elements';

const EMPTY_NODES = new Map<string, GraphNode>();

export function App() {
  const graph = useGraph();
  const drawn = graph.status === 'success' ? graph.data : null;
  const nodesById = useMemo(() => (drawn ? new Map(drawn.nodes.map((n) => [n.id, n])) : EMPTY_NODES), [drawn]);
  const [selection, setSelection] = useState<Selection | null>(null);
  const [focus, setFocus] = useState<FocusRequest | null>(null);
  const [notice, setNotice] = useState('');

  const selectNode = useCallback((node: GraphNode | null) => {
    setNotice('');
    setSelection(node && { id: node.id, label: node.label, name: node.name, node });
  }, []);

  const selectSearchResult = useCallback(
    (actor: ActorSearchResult) => {
      const node = nodesById.get(actor.id);
      setSelection({ id: actor.id, label: 'Actor', name: actor.name, node });
      if (node) {
        setNotice('');
        setFocus((previous) => ({ id: actor.id, nonce: (previous?.nonce ?? 0) + 1 }));
      } else {
        setNotice(notInGraphNotice(actor.name, drawn));
      }
    },
    [nodesById, drawn],
  );

  return (
    <div className="app">
      <header className="app-header">
        <h1>Stakeholder Atlas</h1>
        <ActorSearch onSelect={selectSearchResult} />
      </header>
      <p className="notice" role="status">
        {notice}
      </p>
      <main className="app-main">
        <section className="graph-area" aria-label="Stakeholder graph">
          {graph.status === 'loading' && <p role="status">Loading the graph…</p>}
          {graph.status === 'error' && <ProblemMessage problem={graph.problem} onRetry={graph.retry} />}
          {drawn && drawn.nodes.length === 0 && (
            <div className="empty">
              <p>
                <strong>The graph is empty.</strong> The database has no nodes yet: load the seed graph into Neo4j, then retry.
              </p>
              <button type="button" onClick={graph.retry}>
                Retry
              </button>
            </div>
          )}
          {drawn && drawn.nodes.length > 0 && (
            <>
              {drawn.truncated && (
                <p className="notice-inline">Showing the first {GRAPH_LIMIT} nodes only; use the search to reach the rest.</p>
              )}
              <GraphView graph={drawn} selectedId={selection?.id ?? null} focus={focus} onSelectNode={selectNode} />
              <Legend entries={legendEntries(drawn.nodes)} />
            </>
          )}
        </section>
        <DetailsPanel selection={selection} />
      </main>
    </div>
  );
}

function notInGraphNotice(name: string, drawn: GraphResponse | null): string {
  if (!drawn) return `${name} cannot be shown in the graph because the graph did not load. Its details are in the panel.`;
  const why = drawn.truncated ? ` (only the first ${GRAPH_LIMIT} nodes are drawn)` : '';
  return `${name} is not in the drawn graph${why}. Its details are in the panel.`;
}
