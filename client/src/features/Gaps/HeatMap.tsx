import { useId } from 'react';
import { type CoverageCell, type CoverageResponse, refId } from '../../api/types';
import { useGridKeys } from './useGridKeys';

interface HeatMapProps {
  data: CoverageResponse;
  selected: { threat: string; region: string } | null;
  onPick: (cell: { threat: string; region: string }) => void;
}

/** Fill steps for "actors positioned": light to dark blue, each with ink that passes WCAG AA. */
const STEPS: Array<{ upTo: number; fill: string; ink: string }> = [
  { upTo: 0, fill: '#ffffff', ink: '#111827' },
  { upTo: 2, fill: '#dbeafe', ink: '#111827' },
  { upTo: 5, fill: '#93c5fd', ink: '#111827' },
  { upTo: 10, fill: '#3b82f6', ink: '#000000' },
  { upTo: Number.POSITIVE_INFINITY, fill: '#1e3a8a', ink: '#ffffff' },
];

export function cellStyle(positioned: number) {
  return STEPS.find((s) => positioned <= s.upTo) ?? (STEPS.at(-1) as (typeof STEPS)[number]);
}

export const gapCount = (cell: CoverageCell | undefined) => (cell ? Object.values(cell.gaps).reduce((a, b) => a + b, 0) : 0);

/**
 * Threat × region: the number positioned is written in each cell (the fill repeats it), gaps are
 * flagged with "!" and a count, and affected pairs are bold. Every cell is a button whose name is
 * its visible text spelled out ("3 positioned, 1 gap"), described by its row and column headers;
 * one Tab stop for the grid, arrow keys (and Home, End, Ctrl+Home, Ctrl+End) move within it.
 */
export function HeatMap({ data, selected, onPick }: HeatMapProps) {
  const id = useId();
  const cells = new Map(data.cells.map((c) => [`${refId(c.threat)}|${refId(c.region)}`, c]));
  const start = selected
    ? { row: data.threats.findIndex((t) => t.id === selected.threat), col: data.regions.findIndex((r) => r.id === selected.region) }
    : null;
  const grid = useGridKeys(data.threats.length, data.regions.length, start);
  return (
    <div className="heatmap-wrap">
      <table className="heatmap">
        <caption>
          Actors positioned for each threat (rows) in each {data.level} (columns). “!” and a number: gaps found; bold and underlined: the
          threat affects that {data.level}. Choose a cell to see its gaps; arrow keys move between cells.
        </caption>
        <thead>
          <tr>
            <td />
            {data.regions.map((r, col) => (
              <th key={r.id} id={`${id}-c${col}`} scope="col">
                {r.name}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {data.threats.map((t, row) => (
            <tr key={t.id}>
              <th id={`${id}-r${row}`} scope="row">
                {t.name}
              </th>
              {data.regions.map((r, col) => {
                const cell = cells.get(`${t.id}|${r.id}`);
                const positioned = cell?.positioned ?? 0;
                const gaps = gapCount(cell);
                const { fill, ink } = cellStyle(positioned);
                return (
                  <td key={r.id} style={{ background: fill, color: ink }} className={cell?.affected ? 'affected' : undefined}>
                    <button
                      type="button"
                      {...grid.cellProps(row, col)}
                      aria-pressed={selected?.threat === t.id && selected.region === r.id}
                      aria-describedby={`${id}-r${row} ${id}-c${col}`}
                      onClick={() => onPick({ threat: t.id, region: r.id })}
                    >
                      {positioned} <span className="visually-hidden">positioned</span>
                      {gaps > 0 && (
                        <span className="gap-flag">
                          <span className="visually-hidden">,</span> !{gaps}{' '}
                          <span className="visually-hidden">gap{gaps === 1 ? '' : 's'}</span>
                        </span>
                      )}
                      {cell?.affected && <span className="visually-hidden">, affected</span>}
                    </button>
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
