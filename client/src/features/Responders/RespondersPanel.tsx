import { useEffect, useState } from 'react';
import { fetchResponders } from '../../api/atlas';
import type { Responder, RespondersResponse } from '../../api/types';
import { useRequest } from '../../api/useRequest';
import type { RespondersQuery } from '../../view/viewState';
import { PlacePickers } from '../Panels/PlacePickers';
import type { PanelHighlight } from '../Panels/panelHighlight';
import { RequestState } from '../Panels/RequestState';
import { ResponderCard } from './ResponderCard';

interface RespondersPanelProps {
  query: RespondersQuery | null;
  asOf: string | null;
  onQuery: (query: RespondersQuery) => void;
  onHighlight: (highlight: PanelHighlight | null) => void;
}

export function RespondersPanel({ query, asOf, onQuery, onHighlight }: RespondersPanelProps) {
  const [draft, setDraft] = useState<RespondersQuery>(query ?? { threat: '', region: '' });
  const request = useRequest(query ? JSON.stringify({ ...query, asOf }) : null, (signal) =>
    fetchResponders({ threat: query?.threat, region: query?.region, asOf, limit: 25 }, signal),
  );
  const ready = draft.threat !== '' && draft.region !== '';
  return (
    <div className="responders-panel">
      <h2>Who is positioned to respond</h2>
      <form
        onSubmit={(event) => {
          event.preventDefault();
          if (ready) onQuery(draft);
        }}
      >
        <PlacePickers threat={draft.threat} region={draft.region} onChange={(patch) => setDraft((d) => ({ ...d, ...patch }))} />
        <button type="submit" disabled={!ready}>
          Rank responders
        </button>
        {!ready && <p className="hint">Choose a threat and a region.</p>}
      </form>
      <RequestState request={request} loading="Ranking responders…">
        {(data) => <ResponderList data={data} onHighlight={onHighlight} />}
      </RequestState>
    </div>
  );
}

/** A row and the organs grouped under it: selecting the row shows the whole family on the graph. */
const withOrgans = (r: Responder): Responder[] => [r, ...(r.organs ?? [])];

function responderHighlight(data: RespondersResponse, only?: string): PanelHighlight {
  const responders = only ? data.responders.filter((r) => r.actor.id === only).flatMap(withOrgans) : data.responders;
  const edges = responders.flatMap((r) =>
    Object.values(r.breakdown).flatMap((part) => part?.facts.flatMap((f) => f.relationshipIds) ?? []),
  );
  const nodes = responders.map((r) => r.actor.id);
  const focus = only ? { nodes, edges: [], nonce: Date.now() } : undefined;
  return { nodes, edges, graph: { nodes: responders.map((r) => r.actor), edges: [] }, focus };
}

/** Positioned actors in the answer, organs grouped under a row included: what a coverage cell counts as positioned. */
export function positionedCount(data: RespondersResponse): number {
  return data.responders.flatMap((r) => [r, ...(r.organs ?? [])]).filter((r) => r.positioned).length;
}

function ResponderList({ data, onHighlight }: { data: RespondersResponse; onHighlight: RespondersPanelProps['onHighlight'] }) {
  useEffect(() => {
    onHighlight(data.responders.length > 0 ? responderHighlight(data) : null);
  }, [data, onHighlight]);
  const organs = data.responders.reduce((n, r) => n + (r.organs?.length ?? 0), 0);
  if (data.responders.length === 0) {
    return (
      <p className="empty-result" role="status">
        No actor is positioned for this threat in this region. Try the region's parent region, or see the Gaps panel for what is missing.
      </p>
    );
  }
  return (
    <>
      <p role="status">
        {data.responders.length} ranked, best first{organs > 0 ? `, with ${organs} organs grouped under their organisation` : ''};{' '}
        {positionedCount(data)} positioned (a mandate and a field or member presence here), which is the number the Gaps heat map shows.
        Scores are the weighted sum of the parts below.
      </p>
      <ol className="responder-list">
        {data.responders.map((r) => (
          <ResponderCard key={r.actor.id} responder={r} onShow={() => onHighlight(responderHighlight(data, r.actor.id))} />
        ))}
      </ol>
    </>
  );
}
