import { lazy, Suspense, useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { GRAPH_LIMIT } from './api/atlas';
import type { ActorSearchResult, Graph, GraphNode } from './api/types';
import { DetailsPanel } from './features/Details/DetailsPanel';
import { NodeActions } from './features/Details/NodeActions';
import { neighbourhoodHighlight } from './features/Details/neighbourhood';
import type { Selection } from './features/Details/selection';
import { FilterBar } from './features/Filters/FilterBar';
import { FoldToggle } from './features/Graph/FoldToggle';
import { type FocusRequest, GraphView } from './features/Graph/GraphView';
import { Legend } from './features/Graph/Legend';
import { useGraph } from './features/Graph/useGraph';
import { PanelTabs } from './features/Panels/PanelTabs';
import type { PanelHighlight } from './features/Panels/panelHighlight';
import { ProblemMessage } from './features/Problem/ProblemMessage';
import { ActorSearch } from './features/Search/ActorSearch';
import { type SearchedActor, searchNotice } from './features/Search/searchNotice';
import { ExportMenu } from './features/Toolbar/ExportMenu';
import { Toolbar } from './features/Toolbar/Toolbar';
import type { Core } from './graph/cytoscape';
import type { Decoration } from './graph/decoration';
import { legendEntries } from './graph/elements';
import { foldMembers } from './view/folding';
import { useExpansions } from './view/useExpansions';
import { useUndoKeys } from './view/useUndoKeys';
import { toggle, useView } from './view/useView';
import { asOfDate, type PanelId, UNFOLD_ALL, type Workspace } from './view/viewState';
import { edgeTypes, mergeGraphs, visibleGraph, yearRange } from './view/visibleGraph';

// Loaded after the first draw, in their own chunks: the graph is what the first screen needs.
const PanelBody = lazy(() => import('./features/Panels/PanelBody').then((m) => ({ default: m.PanelBody })));
const TableView = lazy(() => import('./features/Graph/TableView').then((m) => ({ default: m.TableView })));

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
  const [searched, setSearched] = useState<SearchedActor | null>(null);
  const [cy, setCy] = useState<Core | null>(null);
  const searchedNames = useRef(new Map<string, string>());
  useUndoKeys(workspace.undo, workspace.redo);

  // biome-ignore lint/correctness/useExhaustiveDependencies: expansions.graphs is rebuilt each render; its length and members are what matter
  const full = useMemo(
    () => mergeGraphs(base, ...expansions.graphs, highlight?.graph),
    [base, highlight, expansions.graphs.length, view.workspace.expanded],
  );
  const visible = useMemo(() => visibleGraph(full, view.filters, view.workspace.hidden), [full, view.filters, view.workspace.hidden]);
  // What is drawn: member states and countries folded into their parents unless unfolded or in use.
  // biome-ignore lint/correctness/useExhaustiveDependencies: expansions.graphs is rebuilt each render; full changes with it
  const keep = useMemo(
    () => keptUnfolded(view.selected, view.workspace.pinned, highlight, expansions.graphs),
    [view.selected, view.workspace.pinned, highlight, full],
  );
  const drawn = useMemo(() => foldMembers(visible, view.workspace.unfolded, keep), [visible, view.workspace.unfolded, keep]);
  const allUnfolded = view.workspace.unfolded.includes(UNFOLD_ALL);
  const nodesById = useMemo(() => new Map(full.nodes.map((n) => [n.id, n])), [full]);
  const types = useMemo(() => edgeTypes(full), [full]);
  const years = useMemo(() => (base ? yearRange(base) : null), [base]);
  const places = useMemo(() => full.nodes.filter((n) => n.label === 'Region' || n.label === 'Threat'), [full]);

  const focusNode = useCallback((id: string) => setFocus((f) => ({ id, nonce: (f?.nonce ?? 0) + 1 })), []);
  const selectNode = useCallback(
    (node: GraphNode | null) => {
      setSearched(null);
      update({ selected: node?.id ?? null });
    },
    [update],
  );
  const selectSearchResult = useCallback(
    (actor: ActorSearchResult) => {
      searchedNames.current.set(actor.id, actor.name);
      update({ selected: actor.id, panel: 'details' });
      // Fetching its neighbourhood draws it when only expanded actors are drawn, or when the whole graph was cut short.
      if (view.scope === 'expanded' || !nodesById.has(actor.id))
        workspace.set((w) => (w.expanded.includes(actor.id) ? w : toggle(w, 'expanded', actor.id)));
      setSearched({ id: actor.id, name: actor.name });
    },
    [nodesById, update, view.scope, workspace.set],
  );
  const searchedDrawn = searched !== null && visible.nodes.some((n) => n.id === searched.id);
  // Zoom to the searched actor as soon as it is drawn (at once, or when its neighbourhood arrives).
  useEffect(() => {
    if (searched && searchedDrawn) focusNode(searched.id);
  }, [searched, searchedDrawn, focusNode]);
  const notice = searchNotice(searched, {
    loaded: base !== null,
    truncated: base?.truncated ?? false,
    drawn: searchedDrawn,
    filteredOut: searched !== null && nodesById.has(searched.id),
    loading: searched !== null && expansions.loading.includes(searched.id),
  });
  const expand = useCallback(
    (id: string) => {
      if (nodesById.get(id)?.label !== 'Actor') return;
      workspace.set((w) => (w.expanded.includes(id) ? w : toggle(w, 'expanded', id)));
      // With the whole graph drawn the neighbours are already there: point them out instead.
      if (view.scope === 'all') setHighlight(neighbourhoodHighlight(visible, id));
    },
    [nodesById, workspace.set, view.scope, visible],
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
          <>
            <FoldToggle
              name={selection.name}
              members={drawn.members[selection.id] ?? 0}
              unfolded={allUnfolded || view.workspace.unfolded.includes(selection.id)}
              onToggle={() => workspace.set((w) => toggleFold(w, selection.id))}
            />
            <NodeActions
              id={selection.id}
              name={selection.name}
              canExpand={selection.label === 'Actor'}
              workspace={view.workspace}
              loading={expansions.loading.includes(selection.id)}
              onExpand={() =>
                view.workspace.expanded.includes(selection.id)
                  ? workspace.set((w) => toggle(w, 'expanded', selection.id))
                  : expand(selection.id)
              }
              onHide={() => {
                workspace.set((w) => toggle(w, 'hidden', selection.id));
                update({ selected: null });
              }}
              onPin={() => workspace.set((w) => toggle(w, 'pinned', selection.id))}
            />
          </>
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
          {graph.request.status === 'loading' && (
            <p role="status" className="state">
              Loading the graph…
            </p>
          )}
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
              <div className="graph-stage">
                <GraphView
                  graph={drawn.graph}
                  positions={base.positions}
                  folded={drawn.folded}
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
                <Legend
                  entries={legendEntries(drawn.graph.nodes)}
                  fold={{
                    hidden: visible.nodes.length - drawn.graph.nodes.length,
                    allUnfolded,
                    onUnfoldAll: (unfold) => workspace.set((w) => ({ ...w, unfolded: unfold ? [UNFOLD_ALL] : [] })),
                  }}
                />
              </div>
            </>
          )}
          {tableShown && (
            <Suspense
              fallback={
                <p role="status" className="state">
                  Loading the table…
                </p>
              }
            >
              <TableView
                graph={visible}
                onSelect={(id) => {
                  update({ selected: id });
                  focusNode(id);
                }}
              />
            </Suspense>
          )}
        </section>
        <PanelTabs active={view.panel} onChange={choosePanel}>
          <Suspense
            fallback={
              <p role="status" className="state">
                Loading the panel…
              </p>
            }
          >
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
          </Suspense>
        </PanelTabs>
      </main>
    </div>
  );
}

/** Nodes drawn even when folded: what the user selected, pinned, expanded or a panel marks. */
function keptUnfolded(selected: string | null, pinned: string[], highlight: PanelHighlight | null, expansions: Graph[]): Set<string> {
  const keep = new Set(pinned);
  if (selected) keep.add(selected);
  for (const id of highlight?.nodes ?? []) keep.add(id);
  for (const graph of [...expansions, highlight?.graph]) for (const n of graph?.nodes ?? []) keep.add(n.id);
  return keep;
}

/** Unfolds or folds one node; with everything unfolded, folding one folds them all back. */
function toggleFold(workspace: Workspace, id: string): Workspace {
  if (workspace.unfolded.includes(UNFOLD_ALL)) return { ...workspace, unfolded: [] };
  return toggle(workspace, 'unfolded', id);
}

function selectionOf(id: string | null, nodes: Map<string, GraphNode>, searched: Map<string, string>): Selection | null {
  if (!id) return null;
  const node = nodes.get(id);
  if (node) return { id, label: node.label, name: node.name, node };
  return { id, label: 'Actor', name: searched.get(id) ?? id };
}
