import { geoEqualEarth, geoPath } from 'd3-geo';
import { type KeyboardEvent, useMemo, useRef, useState } from 'react';
import type { Country } from './world';

/** What one country shows: its fill and ink, and the words said about it. */
export interface CountryValue {
  fill: string;
  /** e.g. "3 positioned" or "2 gaps". */
  text: string;
}

interface WorldMapProps {
  countries: Country[];
  /** Countries with data, by ISO alpha-2 code; the others are drawn grey and cannot be chosen. */
  values: Map<string, CountryValue>;
  selected: string | null;
  onPick: (iso2: string) => void;
  label: string;
}

const WIDTH = 960;
const HEIGHT = 470;
const NO_DATA_FILL = '#e5e7eb';

/**
 * Countries on an Equal Earth projection, coloured by `values`. The countries with data form one
 * Tab stop: arrow keys move through them in alphabetical order, Enter or Space chooses one.
 */
export function WorldMap({ countries, values, selected, onPick, label }: WorldMapProps) {
  const path = useMemo(() => {
    const shapes = { type: 'FeatureCollection' as const, features: countries.map((c) => c.shape) };
    return geoPath(geoEqualEarth().fitSize([WIDTH, HEIGHT], shapes));
  }, [countries]);
  const drawn = useMemo(() => countries.map((c) => ({ ...c, d: path(c.shape) ?? '' })), [countries, path]);
  const choosable = useMemo(() => drawn.filter((c) => values.has(c.iso2)).sort((a, b) => a.name.localeCompare(b.name)), [drawn, values]);
  const [active, setActive] = useState<string | null>(null);
  const current = choosable.some((c) => c.iso2 === active) ? active : (selected ?? choosable[0]?.iso2 ?? null);
  const refs = useRef(new Map<string, SVGPathElement>());

  const onKeyDown = (event: KeyboardEvent<SVGPathElement>, iso2: string) => {
    const index = choosable.findIndex((c) => c.iso2 === iso2);
    const step = { ArrowRight: 1, ArrowDown: 1, ArrowLeft: -1, ArrowUp: -1 }[event.key];
    if (event.key === 'Enter' || event.key === ' ') {
      event.preventDefault();
      onPick(iso2);
    } else if (step !== undefined || event.key === 'Home' || event.key === 'End') {
      event.preventDefault();
      const next = event.key === 'Home' ? 0 : event.key === 'End' ? choosable.length - 1 : index + (step ?? 0);
      const target = choosable[Math.min(Math.max(next, 0), choosable.length - 1)];
      if (target) {
        setActive(target.iso2);
        refs.current.get(target.iso2)?.focus();
      }
    }
  };

  return (
    // biome-ignore lint/a11y/useSemanticElements: the map is SVG; a group names its choosable countries
    <svg className="world-map" viewBox={`0 0 ${WIDTH} ${HEIGHT}`} role="group" aria-label={label}>
      {drawn.map((c, i) => {
        const value = values.get(c.iso2);
        if (!value) return <path key={c.iso2 || `${c.name}-${i}`} d={c.d} fill={NO_DATA_FILL} className="no-data" />;
        return (
          // biome-ignore lint/a11y/useSemanticElements: an SVG shape cannot be a <button>; it takes the role and its keys
          <path
            key={c.iso2}
            ref={(el) => {
              if (el) refs.current.set(c.iso2, el);
              else refs.current.delete(c.iso2);
            }}
            d={c.d}
            fill={value.fill}
            role="button"
            tabIndex={c.iso2 === current ? 0 : -1}
            aria-label={`${c.name}: ${value.text}`}
            aria-pressed={c.iso2 === selected}
            className={c.iso2 === selected ? 'country selected' : 'country'}
            onClick={() => onPick(c.iso2)}
            onKeyDown={(event) => onKeyDown(event, c.iso2)}
            onFocus={() => setActive(c.iso2)}
          >
            <title>{`${c.name}: ${value.text}`}</title>
          </path>
        );
      })}
    </svg>
  );
}
