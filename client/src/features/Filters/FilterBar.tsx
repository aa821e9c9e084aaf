import { useId } from 'react';
import type { GraphNode, Sensitivity } from '../../api/types';
import type { LegendEntry } from '../../graph/elements';
import { DEFAULT_FILTERS, type Filters, SENSITIVITIES } from '../../view/viewState';
import { relTypeWord, tooltip } from '../../vocabulary';

interface FilterBarProps {
  filters: Filters;
  kinds: LegendEntry[];
  types: string[];
  years: { min: number; max: number } | null;
  /** Threats and regions in the drawing, to narrow it to one of each. */
  places: GraphNode[];
  onChange: (filters: Filters) => void;
}

const toggled = (list: string[], value: string, on: boolean) => (on ? list.filter((v) => v !== value) : [...list, value]);

/** What is drawn: node kinds, relationship types, sensitivity, and the date the network is shown at. */
export function FilterBar({ filters, kinds, types, years, places, onChange }: FilterBarProps) {
  const id = useId();
  const set = (patch: Partial<Filters>) => onChange({ ...filters, ...patch });
  const hiddenCount = filters.kinds.length + filters.types.length + (filters.region ? 1 : 0) + (filters.threat ? 1 : 0);
  const placeOptions = (label: GraphNode['label']) =>
    places
      .filter((p) => p.label === label)
      .sort((a, b) => a.name.localeCompare(b.name))
      .map((p) => (
        <option key={p.id} value={p.id}>
          {p.name}
        </option>
      ));
  return (
    <details className="menu filters">
      <summary>Filters{hiddenCount > 0 || filters.year !== null || filters.maxSensitivity !== 'RED' ? ' (on)' : ''}</summary>
      <div className="menu-body filter-body">
        <fieldset>
          <legend>Node kinds shown</legend>
          {kinds.map((k) => (
            <label key={k.kind}>
              <input
                type="checkbox"
                checked={!filters.kinds.includes(k.kind)}
                onChange={(e) => set({ kinds: toggled(filters.kinds, k.kind, e.target.checked) })}
              />
              {k.name} ({k.count})
            </label>
          ))}
        </fieldset>
        <fieldset>
          <legend>Relationship types shown</legend>
          {types.map((t) => (
            <label key={t} title={tooltip(relTypeWord(t), t)}>
              <input
                type="checkbox"
                checked={!filters.types.includes(t)}
                onChange={(e) => set({ types: toggled(filters.types, t, e.target.checked) })}
              />
              {relTypeWord(t).name}
            </label>
          ))}
        </fieldset>
        <fieldset>
          <legend>Region and threat</legend>
          <label htmlFor={`${id}-region`}>Only around region</label>
          <select id={`${id}-region`} value={filters.region} onChange={(e) => set({ region: e.target.value })}>
            <option value="">any region</option>
            {placeOptions('Region')}
          </select>
          <label htmlFor={`${id}-threat`}>Only around threat</label>
          <select id={`${id}-threat`} value={filters.threat} onChange={(e) => set({ threat: e.target.value })}>
            <option value="">any threat</option>
            {placeOptions('Threat')}
          </select>
        </fieldset>
        <fieldset>
          <legend>Sensitivity and date</legend>
          <label htmlFor={`${id}-sens`}>Show up to</label>
          <select id={`${id}-sens`} value={filters.maxSensitivity} onChange={(e) => set({ maxSensitivity: e.target.value as Sensitivity })}>
            {SENSITIVITIES.map((s) => (
              <option key={s} value={s}>
                {s}
              </option>
            ))}
          </select>
          {years && (
            <div className="as-of">
              <label>
                <input
                  type="checkbox"
                  checked={filters.year !== null}
                  onChange={(e) => set({ year: e.target.checked ? years.max : null })}
                />
                Show the network as it stood at the end of a year
              </label>
              <label htmlFor={`${id}-year`}>Year: {filters.year ?? 'today'}</label>
              <input
                id={`${id}-year`}
                type="range"
                min={years.min}
                max={years.max}
                step={1}
                disabled={filters.year === null}
                value={filters.year ?? years.max}
                aria-valuetext={filters.year === null ? 'today' : `end of ${filters.year}`}
                onChange={(e) => set({ year: Number(e.target.value) })}
              />
            </div>
          )}
        </fieldset>
        <button type="button" onClick={() => onChange(DEFAULT_FILTERS)}>
          Clear filters
        </button>
      </div>
    </details>
  );
}
