import { useCallback, useMemo, useRef, useState } from 'react';
import { GRAPH_LIMIT } from './api/atlas';
import type { ActorSearchResult, GraphNode } from './api/types';
import { DetailsPanel } from './features/Details/DetailsPanel';
import { NodeActions } from './features/Details/NodeActions';
import type { Selection } from './features/Details/selection';
import { FilterBar } from './features/Filters/FilterBar';
import { type FocusRequest, GraphView } from './features/Graph/GraphView';
import { Legend } from './features/Graph/Legend';
import { TableView } from './features/Graph/TableView';
import { useGraph } from './features/Graph/useGraph';
import { PanelBody } from './features/Panels/PanelBody';
import { PanelTabs } from './features/Panels/PanelTabs';
import type { PanelHighlight } from './features/Panels/panelHighlight';
import { ProblemMessage } from './features/Problem/ProblemMessage';
import { ActorSearch } from './features/Search/ActorSearch';
import { ExportMenu } from './features/Toolbar/ExportMenu';
import { Toolbar } from './features/Toolbar/Toolbar';
import type { Core } from './graph/cytoscape';
import type { Decoration } from './graph/decoration';
import { legendEntries } from './graph/elements';
import { useExpansions } from './view/useExpansions';
import { useUndoKeys } from './view/useUndoKeys';
import { toggle, useView } from './view/useView';
import { asOfDate, type PanelId } from './view/viewState';
import { edgeTypes, mergeGraphs, visibleGraph, yearRange } from './view/visibleGraph';

export function App() {
  const { view, update, workspace } = useView();
  const asOf = asOfDate(view.filters.year);
  const graph = useGraph(asOf, view.scope === 'all');
  const base = graph.data;
  const expansions = useExpansions(view.workspace.expanded, asOf);
  const [highlight, setHighlight] = useState<PanelHighlight | null>(null);
  const [decoration, setDecoration] = useState<Decoration | null>(null);
  const [focus, setFocus] = useState<FocusRequest | null>(null);
  const [layoutNonce, setLayoutNonce] = useState(0);
  const [tableShown, setTableShown] = useState(false);
  const [notice, setNotice] = useState('');
  const [cy, setCy] = useState<Core | null>(null);
  const searchedNames = useRef(new Map<string, string>());
  useUndoKeys(workspace.undo, workspace.redo);

  // biome-ignore lint/correctness/useExhaustiveDependencies: expansions.graphs is rebuilt each render; its length and members are what matter
  const full = useMemo(
    () => mergeGraphs(base, ...expansions.graphs, highlight?.graph),
    [base, highlight, expansions.graphs.length, view.workspace.expanded],
  );
  const visible = useMemo(() => visibleGraph(full, view.filters, view.workspace.hidden), [full, view.filters, view.workspace.hidden]);
  const nodesById = useMemo(() => new Map(full.nodes.map((n) => [n.id, n])), [full]);
  const types = useMemo(() => edgeTypes(full), [full]);
  const years = useMemo(() => (base ? yearRange(base) : null), [base]);
  const places = useMemo(() => full.nodes.filter((n) => n.label === 'Region' || n.label === 'Threat'), [full]);

  const focusNode = useCallback((id: string) => setFocus((f) => ({ id, nonce: (f?.nonce ?? 0) + 1 })), []);
  const selectNode = useCallback(
    (node: GraphNode | null) => {
      setNotice('');
      update({ selected: node?.id ?? null });
    },
    [update],
  );
  const selectSearchResult = useCallback(
    (actor: ActorSearchResult) => {
      searchedNames.current.set(actor.id, actor.name);
      update({ selected: actor.id, panel: 'details' });
      if (view.scope === 'expanded') workspace.set((w) => (w.expanded.includes(actor.id) ? w : toggle(w, 'expanded', actor.id)));
      if (nodesById.has(actor.id)) {
        setNotice('');
        focusNode(actor.id);
      } else {
        setNotice(notInGraphNotice(actor.name, base !== null, base?.truncated ?? false));
      }
    },
    [nodesById, base, update, focusNode, view.scope, workspace.set],
  );
  const expand = useCallback(
    (id: string) => {
      if (nodesById.get(id)?.label === 'Actor') workspace.set((w) => (w.expanded.includes(id) ? w : toggle(w, 'expanded', id)));
    },
    [nodesById, workspace.set],
  );
  const choosePanel = (panel: PanelId) => {
    setHighlight(null);
    setDecoration(null);
    update({ panel });
  };

  const selection = selectionOf(view.selected, nodesById, searchedNames.current);
  const details = (
    <DetailsPanel
      selection={selection}
      actions={
        selection && (
          <NodeActions
            id={selection.id}
            name={selection.name}
            canExpand={selection.label === 'Actor'}
            workspace={view.workspace}
            loading={expansions.loading.includes(selection.id)}
            onExpand={() => workspace.set((w) => toggle(w, 'expanded', selection.id))}
            onHide={() => {
              workspace.set((w) => toggle(w, 'hidden', selection.id));
              update({ selected: null });
            }}
            onPin={() => workspace.set((w) => toggle(w, 'pinned', selection.id))}
          />
        )
      }
    />
  );

  return (
    <div className="app">
      <header className="app-header">
        <h1>Stakeholder Atlas</h1>
        <ActorSearch onSelect={selectSearchResult} />
      </header>
      <Toolbar
        layout={view.layout}
        onLayout={(layout) => update({ layout })}
        scope={view.scope}
        onScope={(scope) => update({ scope })}
        onRelayout={() => setLayoutNonce((n) => n + 1)}
        undo={{ run: workspace.undo, can: workspace.canUndo }}
        redo={{ run: workspace.redo, can: workspace.canRedo }}
        tableShown={tableShown}
        onToggleTable={() => setTableShown((t) => !t)}
      >
        <FilterBar
          filters={view.filters}
          kinds={legendEntries(full.nodes)}
          types={types}
          years={years}
          places={places}
          onChange={(filters) => update({ filters })}
        />
        <ExportMenu cy={cy} graph={visible} />
        {view.workspace.hidden.length > 0 && (
          <button type="button" onClick={() => workspace.set((w) => ({ ...w, hidden: [] }))}>
            Show {view.workspace.hidden.length} hidden
          </button>
        )}
      </Toolbar>
      <p className="notice" role="status">
        {notice}
      </p>
      {expansions.errors.map(({ id, problem }) => (
        <ProblemMessage key={id} problem={{ ...problem, title: `Could not expand ${nodesById.get(id)?.name ?? id}: ${problem.title}` }} />
      ))}
      <main className="app-main">
        <section className="graph-area" aria-label="Stakeholder graph">
          {graph.request.status === 'loading' && <p role="status">Loading the graph…</p>}
          {graph.request.status === 'error' && <ProblemMessage problem={graph.request.problem} onRetry={graph.request.retry} />}
          {base && view.scope === 'expanded' && full.nodes.length === 0 && (
            <p className="empty">
              Only what you expand is drawn. <strong>Search for an actor to start</strong>: it is drawn with its neighbours, and you can
              expand any actor from there.
            </p>
          )}
          {base && view.scope === 'all' && base.nodes.length === 0 && (
            <div className="empty">
              <p>
                <strong>The graph is empty.</strong> The database has no nodes yet: load the seed graph into Neo4j, then retry.
              </p>
              <button type="button" onClick={graph.request.retry}>
                Retry
              </button>
            </div>
          )}
          {base && full.nodes.length > 0 && (
            <>
              {base.truncated && (
                <p className="notice-inline">Showing the first {GRAPH_LIMIT} nodes only; use the search to reach the rest.</p>
              )}
              {visible.nodes.length === 0 && (
                <p className="notice-inline">The filters hide every node; clear some filters to see the graph.</p>
              )}
              <GraphView
                graph={visible}
                layout={view.layout}
                layoutNonce={layoutNonce}
                selectedId={view.selected}
                focus={focus}
                highlight={highlight}
                decoration={decoration}
                pinned={view.workspace.pinned}
                onSelectNode={selectNode}
                onExpand={expand}
                onCy={setCy}
              />
              <Legend entries={legendEntries(visible.nodes)} />
            </>
          )}
          {tableShown && (
            <TableView
              graph={visible}
              onSelect={(id) => {
                update({ selected: id });
                focusNode(id);
              }}
            />
          )}
        </section>
        <PanelTabs active={view.panel} onChange={choosePanel}>
          <PanelBody
            view={view}
            asOf={asOf}
            types={types}
            details={details}
            update={update}
            onHighlight={setHighlight}
            onDecorate={setDecoration}
            onFocusNode={focusNode}
            onGraphChanged={graph.request.retry}
          />
        </PanelTabs>
      </main>
    </div>
  );
}

function selectionOf(id: string | null, nodes: Map<string, GraphNode>, searched: Map<string, string>): Selection | null {
  if (!id) return null;
  const node = nodes.get(id);
  if (node) return { id, label: node.label, name: node.name, node };
  return { id, label: 'Actor', name: searched.get(id) ?? id };
}

function notInGraphNotice(name: string, loaded: boolean, truncated: boolean): string {
  if (!loaded) return `${name} cannot be shown in the graph because the graph did not load. Its details are in the panel.`;
  const why = truncated ? ` (only the first ${GRAPH_LIMIT} nodes are drawn)` : '';
  return `${name} is not in the drawn graph${why}. Its details are in the panel.`;
}
