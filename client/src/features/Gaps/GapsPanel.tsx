import { COVERAGE_LEVELS } from '@atlas/seed/src/contract';
import { useEffect, useId } from 'react';
import { fetchCoverage, fetchGaps } from '../../api/atlas';
import { type CoverageLevel, type GapsResponse, refId } from '../../api/types';
import { useRequest } from '../../api/useRequest';
import type { GapsQuery } from '../../view/viewState';
import { gapKindWord, tooltip } from '../../vocabulary';
import { CompletenessSection } from '../Completeness/CompletenessSection';
import type { PanelHighlight } from '../Panels/panelHighlight';
import { RequestState } from '../Panels/RequestState';
import { Sources } from '../Panels/Sources';
import { WideSection } from '../Panels/WideSection';
import { HeatMap } from './HeatMap';
import './gaps.css';

interface GapsPanelProps {
  query: GapsQuery | null;
  asOf: string | null;
  onQuery: (query: GapsQuery) => void;
  onHighlight: (highlight: PanelHighlight | null) => void;
}

/** Why a heat-map cell and the Responders panel give different counts for the same threat and place. */
export const POSITIONED_NOTE =
  'A cell counts the actors positioned: those with both a mandate covering the threat and a presence in the place. ' +
  'The Responders panel ranks every actor with any part of that picture (a mandate, a presence, agreements, programmes, ' +
  'data feeds or ties), so it usually lists more.';

export function GapsPanel({ query, asOf, onQuery, onHighlight }: GapsPanelProps) {
  const id = useId();
  const level = query?.level ?? 'subregion';
  const coverage = useRequest(`coverage:${level}:${asOf}`, (signal) => fetchCoverage({ level, asOf }, signal));
  const cell = query?.threat && query.region ? { threat: query.threat, region: query.region } : null;
  const gaps = useRequest(cell ? JSON.stringify({ ...cell, asOf }) : null, (signal) => fetchGaps({ ...cell, asOf }, signal));
  return (
    <WideSection title="Gaps and coverage" className="gaps-panel">
      <p className="positioned-note">{POSITIONED_NOTE}</p>
      <div className="form-row">
        <label htmlFor={`${id}-level`}>Regions by</label>
        <select
          id={`${id}-level`}
          value={level}
          onChange={(e) => onQuery({ level: e.target.value as CoverageLevel, threat: '', region: '' })}
        >
          {COVERAGE_LEVELS.map((l) => (
            <option key={l} value={l}>
              {l}
            </option>
          ))}
        </select>
      </div>
      <RequestState request={coverage} loading="Loading the coverage map…">
        {(data) =>
          data.cells.length === 0 && data.threats.length === 0 ? (
            <p className="empty-result">
              No threats are recorded yet, so there is nothing to map. Add threats and AFFECTS facts to the seed.
            </p>
          ) : (
            <HeatMap data={data} selected={cell} onPick={(c) => onQuery({ level, ...c })} />
          )
        }
      </RequestState>
      <RequestState request={gaps} loading="Loading the gaps of this cell…">
        {(data) => <GapList data={data} onHighlight={onHighlight} cell={cell} />}
      </RequestState>
      {cell && <CompletenessSection threat={cell.threat} region={cell.region} asOf={asOf} />}
    </WideSection>
  );
}

export function GapList({
  data,
  cell,
  onHighlight,
}: {
  data: GapsResponse;
  cell: { threat: string; region: string } | null;
  onHighlight: GapsPanelProps['onHighlight'];
}) {
  useEffect(() => {
    const actors = data.gaps.flatMap((g) => g.actors);
    const places = data.gaps.flatMap((g) => [refId(g.threat), refId(g.region)]).filter((p): p is string => !!p);
    const nodes = [...new Set([...actors.map((a) => a.id), ...places, ...(cell ? [cell.threat, cell.region] : [])])];
    const edges = data.gaps.flatMap((g) => g.evidence.flatMap((e) => e.relationshipIds));
    onHighlight({ nodes, edges, graph: { nodes: actors, edges: [] }, focus: { nodes, edges: [], nonce: Date.now() } });
  }, [data, cell, onHighlight]);
  if (data.gaps.length === 0)
    return (
      <p className="empty-result" role="status">
        No gaps recorded for this threat and region.
      </p>
    );
  return (
    <ul className="gap-list">
      {data.gaps.map((gap) => (
        <li key={`${gap.kind}:${gap.description}`}>
          <h3 title={tooltip(gapKindWord(gap.kind), gap.kind)}>{gapKindWord(gap.kind).name}</h3>
          <p>{gap.description}</p>
          {gap.actors.length > 0 && <p>Actors: {gap.actors.map((a) => a.name).join('; ')}</p>}
          <details>
            <summary>Evidence ({gap.evidence.length})</summary>
            <ul>
              {gap.evidence.map((e) => (
                <li key={e.text}>
                  {e.text}
                  <Sources sources={e.sources} />
                </li>
              ))}
            </ul>
          </details>
        </li>
      ))}
    </ul>
  );
}
