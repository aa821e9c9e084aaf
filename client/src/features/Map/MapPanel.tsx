import { useId, useMemo, useState } from 'react';
import { fetchCoverage, fetchGaps, fetchResponders } from '../../api/atlas';
import { type CoverageResponse, refId } from '../../api/types';
import { useRequest } from '../../api/useRequest';
import { GapList } from '../Gaps/GapsPanel';
import { cellStyle, gapCount } from '../Gaps/HeatMap';
import type { PanelHighlight } from '../Panels/panelHighlight';
import { RequestState } from '../Panels/RequestState';
import { WideSection } from '../Panels/WideSection';
import { positionedCount } from '../Responders/RespondersPanel';
import { type CountryValue, WorldMap } from './WorldMap';
import { type Country, loadWorld, regionIdOf } from './world';
import './map.css';

export type ColourBy = 'positioned' | 'gaps';

/** Gap counts, light to dark orange. */
const GAP_STEPS = [
  { upTo: 0, fill: '#ffffff' },
  { upTo: 1, fill: '#fde68a' },
  { upTo: 3, fill: '#f59e0b' },
  { upTo: Number.POSITIVE_INFINITY, fill: '#b45309' },
];

interface CountryRow {
  iso2: string;
  name: string;
  positioned: number;
  gaps: number;
  affected: boolean;
}

/** One row per country of the coverage grid, for the chosen threat. */
export function countryRows(data: CoverageResponse, threat: string): CountryRow[] {
  const cells = new Map(data.cells.filter((c) => refId(c.threat) === threat).map((c) => [refId(c.region), c]));
  return data.regions
    .filter((r) => r.id.startsWith('country-'))
    .map((r) => {
      const cell = cells.get(r.id);
      return {
        iso2: r.id.slice('country-'.length).toUpperCase(),
        name: r.name,
        positioned: cell?.positioned ?? 0,
        gaps: gapCount(cell),
        affected: cell?.affected ?? false,
      };
    })
    .sort((a, b) => a.name.localeCompare(b.name));
}

export function countryValue(row: CountryRow, by: ColourBy): CountryValue {
  const affected = row.affected ? ', threat present' : '';
  if (by === 'gaps') {
    const fill = (GAP_STEPS.find((s) => row.gaps <= s.upTo) ?? GAP_STEPS[0])?.fill ?? '#ffffff';
    return { fill, text: `${row.gaps} gap${row.gaps === 1 ? '' : 's'}${affected}` };
  }
  return { fill: cellStyle(row.positioned).fill, text: `${row.positioned} positioned${affected}` };
}

interface MapPanelProps {
  asOf: string | null;
  onHighlight: (highlight: PanelHighlight | null) => void;
}

/** Countries coloured by the actors positioned for a threat (or by its gaps); a country lists its responders and gaps. */
export function MapPanel({ asOf, onHighlight }: MapPanelProps) {
  const coverage = useRequest(`map-coverage:${asOf}`, (signal) => fetchCoverage({ level: 'country', asOf }, signal));
  const world = useRequest('world', () => loadWorld());
  return (
    <WideSection title="Map" className="map-panel">
      <RequestState request={coverage} loading="Loading coverage by country…">
        {(data) =>
          data.threats.length === 0 ? (
            <p className="empty-result">No threats are recorded yet, so there is nothing to map.</p>
          ) : (
            <RequestState request={world} loading="Drawing the map…">
              {(countries) => <CoverageMap data={data} countries={countries} asOf={asOf} onHighlight={onHighlight} />}
            </RequestState>
          )
        }
      </RequestState>
    </WideSection>
  );
}

interface CoverageMapProps {
  data: CoverageResponse;
  countries: Country[];
  asOf: string | null;
  onHighlight: MapPanelProps['onHighlight'];
}

function CoverageMap({ data, countries, asOf, onHighlight }: CoverageMapProps) {
  const id = useId();
  const [threat, setThreat] = useState(data.threats[0]?.id ?? '');
  const [by, setBy] = useState<ColourBy>('positioned');
  const [table, setTable] = useState(false);
  const [country, setCountry] = useState<string | null>(null);
  const rows = useMemo(() => countryRows(data, threat), [data, threat]);
  const values = useMemo(() => new Map(rows.map((r) => [r.iso2, countryValue(r, by)])), [rows, by]);
  const threatName = data.threats.find((t) => t.id === threat)?.name ?? threat;
  const picked = rows.find((r) => r.iso2 === country) ?? null;
  return (
    <>
      <div className="form-row">
        <label htmlFor={`${id}-threat`}>Threat</label>
        <select id={`${id}-threat`} value={threat} onChange={(e) => setThreat(e.target.value)}>
          {data.threats.map((t) => (
            <option key={t.id} value={t.id}>
              {t.name}
            </option>
          ))}
        </select>
        <label htmlFor={`${id}-by`}>Colour by</label>
        <select id={`${id}-by`} value={by} onChange={(e) => setBy(e.target.value as ColourBy)}>
          <option value="positioned">actors positioned</option>
          <option value="gaps">gaps</option>
        </select>
        <button type="button" aria-pressed={table} onClick={() => setTable((t) => !t)}>
          {table ? 'Show the map' : 'Show as a table'}
        </button>
      </div>
      <p className="map-note">
        {by === 'positioned' ? 'Darker blue: more actors with a mandate and a presence there.' : 'Darker orange: more gaps found there.'}{' '}
        Grey: no data for that country. Choose a country to list its responders and gaps.
      </p>
      {table ? (
        <CountryTable rows={rows} by={by} threatName={threatName} selected={country} onPick={setCountry} />
      ) : (
        <WorldMap
          countries={countries}
          values={values}
          selected={country}
          onPick={setCountry}
          label={`Map of ${threatName}: countries by ${by === 'gaps' ? 'gaps' : 'actors positioned'}`}
        />
      )}
      {picked && <CountryDetails key={`${threat}:${picked.iso2}`} threat={threat} row={picked} asOf={asOf} onHighlight={onHighlight} />}
    </>
  );
}

interface CountryTableProps {
  rows: CountryRow[];
  by: ColourBy;
  threatName: string;
  selected: string | null;
  onPick: (iso2: string) => void;
}

/** The map's accessible alternative: every country with its counts, each one choosable. */
function CountryTable({ rows, by, threatName, selected, onPick }: CountryTableProps) {
  return (
    <table className="country-table">
      <caption>
        {threatName}: countries by {by === 'gaps' ? 'gaps' : 'actors positioned'}
      </caption>
      <thead>
        <tr>
          <th scope="col">Country</th>
          <th scope="col">Actors positioned</th>
          <th scope="col">Gaps</th>
          <th scope="col">Threat present</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((r) => (
          <tr key={r.iso2}>
            <th scope="row">
              <button type="button" className="link" aria-pressed={r.iso2 === selected} onClick={() => onPick(r.iso2)}>
                {r.name}
              </button>
            </th>
            <td>{r.positioned}</td>
            <td>{r.gaps}</td>
            <td>{r.affected ? 'yes' : 'no'}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

interface CountryDetailsProps {
  threat: string;
  row: CountryRow;
  asOf: string | null;
  onHighlight: MapPanelProps['onHighlight'];
}

/** The responders and gaps of one country for the chosen threat. */
function CountryDetails({ threat, row, asOf, onHighlight }: CountryDetailsProps) {
  const region = regionIdOf(row.iso2);
  const params = { threat, region, asOf };
  const responders = useRequest(JSON.stringify(params), (signal) => fetchResponders({ ...params, limit: 25 }, signal));
  const gaps = useRequest(JSON.stringify(params), (signal) => fetchGaps(params, signal));
  return (
    <section className="country-details" aria-label={`${row.name}: responders and gaps`}>
      <h3>{row.name}</h3>
      <RequestState request={responders} loading={`Loading the responders in ${row.name}…`}>
        {(data) =>
          data.responders.length === 0 ? (
            <p className="empty-result">No actor is positioned for this threat in {row.name}.</p>
          ) : (
            <>
              <p>
                {data.responders.length} ranked; {positionedCount(data)} positioned (a mandate and a presence here).
              </p>
              <ol className="map-responders">
                {data.responders.map((r) => (
                  <li key={r.actor.id}>
                    {r.actor.name} <span className="score">score {Math.round(r.score * 100) / 100}</span>
                  </li>
                ))}
              </ol>
            </>
          )
        }
      </RequestState>
      <h4>Gaps</h4>
      <RequestState request={gaps} loading={`Loading the gaps in ${row.name}…`}>
        {(data) => <GapList data={data} cell={{ threat, region }} onHighlight={onHighlight} />}
      </RequestState>
    </section>
  );
}
