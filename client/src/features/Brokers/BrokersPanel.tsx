import { CENTRALITY_MEASURES } from '@atlas/seed/src/contract';
import { useEffect, useId, useState } from 'react';
import { fetchCentrality, fetchCommunities, fetchStructure } from '../../api/atlas';
import type { CentralityResponse, CommunitiesResponse, StructureResponse } from '../../api/types';
import { useRequest } from '../../api/useRequest';
import type { Decoration } from '../../graph/decoration';
import type { BrokersQuery } from '../../view/viewState';
import { engineWord, measureWord, tooltip } from '../../vocabulary';
import { RequestState } from '../Panels/RequestState';
import { CommunityList } from './CommunityList';
import { brokerDecoration } from './decorate';

interface BrokersPanelProps {
  query: BrokersQuery | null;
  asOf: string | null;
  onQuery: (query: BrokersQuery) => void;
  onDecorate: (decoration: Decoration | null) => void;
  onFocusNode: (id: string) => void;
}

export function BrokersPanel({ query, asOf, onQuery, onDecorate, onFocusNode }: BrokersPanelProps) {
  const id = useId();
  const [draft, setDraft] = useState<BrokersQuery>(query ?? { measure: 'betweenness', communities: true });
  const key = query ? JSON.stringify({ measure: query.measure, asOf }) : null;
  const centrality = useRequest(key, (signal) => fetchCentrality({ measure: query?.measure, asOf, top: 50 }, signal));
  const structure = useRequest(query ? `structure:${asOf}` : null, (signal) => fetchStructure({ asOf }, signal));
  const communities = useRequest(query?.communities ? `communities:${asOf}` : null, (signal) =>
    fetchCommunities({ algorithm: 'louvain', asOf }, signal),
  );
  const data = <T,>(r: { status: string; data?: T }) => (r.status === 'success' ? (r.data as T) : null);
  const ranked = data<CentralityResponse>(centrality);
  const cuts = data<StructureResponse>(structure);
  const groups = data<CommunitiesResponse>(communities);

  useEffect(() => {
    onDecorate(ranked || groups || cuts ? brokerDecoration(ranked, groups, cuts) : null);
  }, [ranked, groups, cuts, onDecorate]);
  const isCut = new Set(cuts?.articulationPoints.map((a) => a.id));

  return (
    <div className="brokers-panel">
      <h2>Brokers and communities</h2>
      <form
        onSubmit={(event) => {
          event.preventDefault();
          onQuery(draft);
        }}
      >
        <div className="form-row">
          <label htmlFor={`${id}-measure`}>Size nodes by</label>
          <select id={`${id}-measure`} value={draft.measure} onChange={(e) => setDraft({ ...draft, measure: e.target.value })}>
            {CENTRALITY_MEASURES.map((m) => (
              <option key={m} value={m} title={tooltip(measureWord(m), m)}>
                {measureWord(m).name}
              </option>
            ))}
          </select>
          <label>
            <input type="checkbox" checked={draft.communities} onChange={(e) => setDraft({ ...draft, communities: e.target.checked })} />
            Colour by community
          </label>
        </div>
        <button type="submit">Show</button>
      </form>
      <RequestState request={centrality} loading="Computing centrality…">
        {(r) => (
          <table className="ranked">
            <caption>
              <MeasureCaption data={r} />
            </caption>
            <thead>
              <tr>
                <th scope="col">Rank</th>
                <th scope="col">Node</th>
                <th scope="col">Value</th>
                <th scope="col">Cut point</th>
              </tr>
            </thead>
            <tbody>
              {r.results.map((row) => (
                <tr key={row.id}>
                  <td>{row.rank}</td>
                  <td>
                    <button type="button" className="link" onClick={() => onFocusNode(row.id)}>
                      {row.name}
                    </button>
                  </td>
                  <td>{row.value.toFixed(3)}</td>
                  <td>{isCut.has(row.id) ? 'yes (dashed outline)' : ''}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </RequestState>
      <RequestState request={structure} loading="Finding articulation points…">
        {(s) => (
          <p>
            {s.articulationPoints.length} articulation point{s.articulationPoints.length === 1 ? '' : 's'} (drawn with a dashed outline:
            removing one splits the network) and {s.bridges.length} bridge{s.bridges.length === 1 ? '' : 's'}.
          </p>
        )}
      </RequestState>
      <RequestState request={communities} loading="Finding communities…">
        {(c) => <CommunityList data={c} onFocusNode={onFocusNode} />}
      </RequestState>
    </div>
  );
}

/** What the ranking means in words; the exact formula (as the API states it) folds away for researchers. */
function MeasureCaption({ data }: { data: CentralityResponse }) {
  const word = measureWord(data.measure);
  return (
    <>
      Top {data.results.length} of {data.graph.nodes} nodes by <span title={`code: ${data.measure}`}>{word.name.toLowerCase()}</span>.{' '}
      {word.about} Values are {engineWord(data.engine).name}
      {data.estimate ? `, estimated from ${data.estimate.samples} samples` : ''}.
      <details className="formula">
        <summary>Exact formula</summary>
        {data.normalization}
      </details>
    </>
  );
}
