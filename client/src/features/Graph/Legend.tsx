import type { LegendEntry } from '../../graph/elements';
import { ShapeSwatch } from './ShapeSwatch';

interface LegendProps {
  entries: LegendEntry[];
}

/** Every kind drawn, with its colour, shape and how many nodes have it. */
export function Legend({ entries }: LegendProps) {
  return (
    <section className="legend" aria-labelledby="legend-heading">
      <h2 id="legend-heading">Legend</h2>
      <ul>
        {entries.map((entry) => (
          <li key={entry.kind} data-kind={entry.kind}>
            <ShapeSwatch shape={entry.shape} fill={entry.fill} />
            <span className="legend-name">{entry.name}</span>
            {entry.name !== entry.kind && <code className="legend-kind">{entry.kind}</code>}
            <span className="legend-count">
              {entry.count}
              <span className="visually-hidden">{entry.count === 1 ? ' node' : ' nodes'}</span>
            </span>
          </li>
        ))}
      </ul>
    </section>
  );
}
