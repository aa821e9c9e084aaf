import { useState } from 'react';
import type { LegendEntry } from '../../graph/elements';
import { kindWord, tooltip } from '../../vocabulary';
import { ShapeSwatch } from './ShapeSwatch';

export interface FoldSummary {
  /** Members left out of the drawing, folded into their organisation or region. */
  hidden: number;
  /** Whether every member is drawn. */
  allUnfolded: boolean;
  onUnfoldAll: (unfold: boolean) => void;
}

interface LegendProps {
  entries: LegendEntry[];
  fold?: FoldSummary;
}

/**
 * Every kind drawn, in plain words (the code is the tooltip), with its colour, shape and count;
 * and how many members are folded away. It sits beside the graph, never over it, and folds to
 * its heading.
 */
export function Legend({ entries, fold }: LegendProps) {
  const [open, setOpen] = useState(true);
  return (
    <section className={open ? 'legend' : 'legend legend-folded'} aria-labelledby="legend-heading">
      <h2 id="legend-heading">
        <button type="button" className="legend-toggle" aria-expanded={open} onClick={() => setOpen((o) => !o)}>
          Legend
        </button>
      </h2>
      {open && (
        <>
          <ul>
            {entries.map((entry) => (
              <li key={entry.kind} data-kind={entry.kind} title={tooltip(kindWord(entry.kind), entry.kind)}>
                <ShapeSwatch shape={entry.shape} fill={entry.fill} />
                <span className="legend-name">{entry.name}</span>
                <span className="legend-count">
                  {entry.count}
                  <span className="visually-hidden">{entry.count === 1 ? ' node' : ' nodes'}</span>
                </span>
              </li>
            ))}
          </ul>
          {fold && <FoldLine {...fold} />}
        </>
      )}
    </section>
  );
}

function FoldLine({ hidden, allUnfolded, onUnfoldAll }: FoldSummary) {
  if (!allUnfolded && hidden === 0) return null;
  return (
    <p className="legend-fold">
      {allUnfolded ? (
        'Every member state and country is drawn.'
      ) : (
        <>{hidden} member states and countries are folded into their organisation or region (the number after a name; a double outline).</>
      )}{' '}
      <button type="button" className="link" onClick={() => onUnfoldAll(!allUnfolded)}>
        {allUnfolded ? 'Fold them again' : 'Draw them all'}
      </button>
    </p>
  );
}
