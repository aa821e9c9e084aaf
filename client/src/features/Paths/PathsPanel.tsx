import { PATH_LIMITS } from '@atlas/seed/src/contract';
import { useEffect, useId, useState } from 'react';
import { fetchPaths } from '../../api/atlas';
import type { FoundPath, PathDirection, PathMode, PathsResponse } from '../../api/types';
import { useRequest } from '../../api/useRequest';
import type { PathQuery } from '../../view/viewState';
import { relTypeWord, tooltip } from '../../vocabulary';
import type { PanelHighlight } from '../Panels/panelHighlight';
import { RequestState } from '../Panels/RequestState';
import { Sources } from '../Panels/Sources';
import { ActorSearch } from '../Search/ActorSearch';
import { noPathAdvice, pathHighlight } from './pathHighlight';

interface PathsPanelProps {
  query: PathQuery | null;
  /** Relationship types the user may allow (those in the data). */
  types: string[];
  asOf: string | null;
  onQuery: (query: PathQuery) => void;
  onHighlight: (highlight: PanelHighlight | null) => void;
}

const EMPTY: PathQuery = {
  from: '',
  fromName: '',
  to: '',
  toName: '',
  mode: 'shortest',
  types: [],
  maxHops: PATH_LIMITS.defaultHops,
  k: PATH_LIMITS.defaultK,
  direction: 'any',
};

const inRange = (value: number, max: number) => Number.isInteger(value) && value >= 1 && value <= max;

/** What in the draft the server would refuse, in words, so the form never sends it. */
export function draftProblems(draft: PathQuery): string[] {
  const problems: string[] = [];
  if (!inRange(draft.maxHops, PATH_LIMITS.maxHops)) problems.push(`Steps must be a whole number from 1 to ${PATH_LIMITS.maxHops}.`);
  if (draft.mode === 'k-shortest' && !inRange(draft.k, PATH_LIMITS.maxK))
    problems.push(`How many paths must be a whole number from 1 to ${PATH_LIMITS.maxK}.`);
  return problems;
}

export function PathsPanel({ query, types, asOf, onQuery, onHighlight }: PathsPanelProps) {
  const [draft, setDraft] = useState<PathQuery>(query ?? EMPTY);
  const id = useId();
  const key = query ? JSON.stringify({ ...query, asOf }) : null;
  const request = useRequest(key, (signal) =>
    fetchPaths(
      {
        from: query?.from,
        to: query?.to,
        mode: query?.mode,
        k: query?.mode === 'k-shortest' ? query.k : null,
        maxHops: query?.maxHops,
        types: query?.types.join(','),
        direction: query?.direction,
        asOf,
      },
      signal,
    ),
  );
  const problems = draftProblems(draft);
  const ready = draft.from !== '' && draft.to !== '' && problems.length === 0;
  const set = (patch: Partial<PathQuery>) => setDraft((d) => ({ ...d, ...patch }));

  return (
    <div className="paths-panel">
      <h2>Paths between two actors</h2>
      <form
        onSubmit={(event) => {
          event.preventDefault();
          if (ready) onQuery(draft);
        }}
      >
        <ActorSearch label="From" initialText={draft.fromName} onSelect={(a) => set({ from: a.id, fromName: a.name })} />
        <ActorSearch label="To" initialText={draft.toName} onSelect={(a) => set({ to: a.id, toName: a.name })} />
        <div className="form-row">
          <label htmlFor={`${id}-mode`}>Paths</label>
          <select id={`${id}-mode`} value={draft.mode} onChange={(e) => set({ mode: e.target.value as PathMode })}>
            <option value="shortest">the shortest</option>
            <option value="k-shortest">several shortest</option>
            <option value="all">all, up to the step limit</option>
          </select>
          {draft.mode === 'k-shortest' && (
            <>
              <label htmlFor={`${id}-k`}>How many (1–{PATH_LIMITS.maxK})</label>
              <input
                id={`${id}-k`}
                type="number"
                min={1}
                max={PATH_LIMITS.maxK}
                value={Number.isNaN(draft.k) ? '' : draft.k}
                onChange={(e) => set({ k: e.target.valueAsNumber })}
              />
            </>
          )}
        </div>
        <div className="form-row">
          <label htmlFor={`${id}-hops`}>At most steps (1–{PATH_LIMITS.maxHops})</label>
          <input
            id={`${id}-hops`}
            type="number"
            min={1}
            max={PATH_LIMITS.maxHops}
            value={Number.isNaN(draft.maxHops) ? '' : draft.maxHops}
            onChange={(e) => set({ maxHops: e.target.valueAsNumber })}
          />
          <label htmlFor={`${id}-dir`}>Direction</label>
          <select id={`${id}-dir`} value={draft.direction} onChange={(e) => set({ direction: e.target.value as PathDirection })}>
            <option value="any">either way</option>
            <option value="outgoing">along each tie's direction</option>
            <option value="incoming">against each tie's direction</option>
          </select>
        </div>
        <fieldset className="type-choices">
          <legend>Allowed relationship types (none ticked = all)</legend>
          {types.map((type) => (
            <label key={type} title={tooltip(relTypeWord(type), type)}>
              <input
                type="checkbox"
                checked={draft.types.includes(type)}
                onChange={(e) => set({ types: e.target.checked ? [...draft.types, type] : draft.types.filter((t) => t !== type) })}
              />
              {relTypeWord(type).name}
            </label>
          ))}
        </fieldset>
        <button type="submit" disabled={!ready}>
          Find paths
        </button>
        {problems.length > 0 && (
          <div role="alert">
            <ul className="field-problems">
              {problems.map((p) => (
                <li key={p}>{p}</li>
              ))}
            </ul>
          </div>
        )}
        {(draft.from === '' || draft.to === '') && <p className="hint">Choose both actors from the suggestions to search.</p>}
      </form>
      <RequestState request={request} loading="Finding paths…">
        {(data) => <PathList data={data} query={query ?? EMPTY} onHighlight={onHighlight} />}
      </RequestState>
    </div>
  );
}

function PathList({ data, query, onHighlight }: { data: PathsResponse; query: PathQuery; onHighlight: PathsPanelProps['onHighlight'] }) {
  const [shown, setShown] = useState<number | null>(null);
  useEffect(() => {
    onHighlight(data.paths.length > 0 ? pathHighlight(data.paths) : null);
  }, [data, onHighlight]);
  if (data.paths.length === 0) {
    return (
      <p className="empty-result" role="status">
        {noPathAdvice(query.maxHops, query.types, data.reason)}
      </p>
    );
  }
  const show = (index: number, path: FoundPath, focus?: { nodes: string[]; edges: string[] }) => {
    setShown(index);
    onHighlight(pathHighlight([path], { nodes: [], edges: [], ...focus, nonce: Date.now() }));
  };
  return (
    <>
      <p role="status">
        {data.paths.length} path{data.paths.length === 1 ? '' : 's'} from {data.from.name} to {data.to.name}.
      </p>
      <ol className="path-list">
        {data.paths.map((path, index) => (
          <li key={path.edges.map((e) => e.id).join('>') || index} className={shown === index ? 'shown' : undefined}>
            <button type="button" className="link" onClick={() => show(index, path, { nodes: path.nodes.map((n) => n.id), edges: [] })}>
              Path {index + 1} ({path.length} hop{path.length === 1 ? '' : 's'})
            </button>
            <p className="sentence">{path.sentence}</p>
            <ol className="steps">
              {path.steps.map((step) => (
                <li key={step.edgeId}>
                  <button
                    type="button"
                    className="link"
                    onClick={() => show(index, path, { nodes: [step.from, step.to], edges: [step.edgeId] })}
                  >
                    {step.text}
                  </button>
                  <details>
                    <summary>Sources</summary>
                    <Sources sources={step.sources} />
                  </details>
                </li>
              ))}
            </ol>
          </li>
        ))}
      </ol>
    </>
  );
}
