import { type CoverageCell, type CoverageResponse, refId } from '../../api/types';

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

const gapCount = (cell: CoverageCell) => Object.values(cell.gaps).reduce((a, b) => a + b, 0);

/**
 * Threat × region: the number positioned is written in each cell (the fill repeats it), gaps are
 * flagged with "!" and a count, and affected pairs are bold; every cell is a button.
 */
export function HeatMap({ data, selected, onPick }: HeatMapProps) {
  const cells = new Map(data.cells.map((c) => [`${refId(c.threat)}|${refId(c.region)}`, c]));
  return (
    <div className="heatmap-wrap">
      <table className="heatmap">
        <caption>
          Actors positioned per threat (rows) and {data.level} (columns); “!n” = n gaps; bold = threat affects the region. Choose a cell to
          see its gaps.
        </caption>
        <thead>
          <tr>
            <td />
            {data.regions.map((r) => (
              <th key={r.id} scope="col">
                <span>{r.name}</span>
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {data.threats.map((t) => (
            <tr key={t.id}>
              <th scope="row">{t.name}</th>
              {data.regions.map((r) => {
                const cell = cells.get(`${t.id}|${r.id}`);
                const positioned = cell?.positioned ?? 0;
                const gaps = cell ? gapCount(cell) : 0;
                const { fill, ink } = cellStyle(positioned);
                const isSelected = selected?.threat === t.id && selected.region === r.id;
                return (
                  <td key={r.id} style={{ background: fill, color: ink }} className={cell?.affected ? 'affected' : undefined}>
                    <button
                      type="button"
                      aria-pressed={isSelected}
                      aria-label={`${t.name} in ${r.name}: ${positioned} positioned, ${gaps} gaps${cell?.affected ? ', affected' : ''}`}
                      onClick={() => onPick({ threat: t.id, region: r.id })}
                    >
                      {positioned}
                      {gaps > 0 && <span className="gap-flag">!{gaps}</span>}
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
