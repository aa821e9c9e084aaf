import { useId, useState } from 'react';
import { BREAKDOWN_PARTS, type BreakdownPart, type Responder } from '../../api/types';
import { presenceTierWord, tooltip } from '../../vocabulary';
import { Sources } from '../Panels/Sources';

const PART_NAMES: Record<BreakdownPart, string> = {
  mandate: 'Mandate',
  presence: 'Presence',
  instruments: 'Instruments',
  dataFeeds: 'Data feeds',
  ties: 'Ties',
};

const fmt = (n: number) => (Math.round(n * 100) / 100).toString();

/** Positioned or not, and the presence tier in plain words (the code as tooltip). */
function Standing({ responder }: { responder: Responder }) {
  const tier = presenceTierWord(responder.presenceTier);
  return (
    <span className="standing">
      <span className={responder.positioned ? 'positioned' : 'not-positioned'}>
        {responder.positioned ? 'Positioned' : 'Not positioned'}
      </span>
      {' · '}
      <span className="presence-tier" title={tooltip(tier, responder.presenceTier)}>
        {tier.name}
      </span>
    </span>
  );
}

/**
 * An organisation's organs grouped under its row: "N organs", expanded on demand, each with its
 * score and standing. Expanding shows the family on the graph (`onOpen`), like selecting the row.
 */
function Organs({ responder, onOpen }: { responder: Responder; onOpen: () => void }) {
  const [open, setOpen] = useState(false);
  const listId = useId();
  const organs = responder.organs ?? [];
  if (organs.length === 0) return null;
  return (
    <div className="organs">
      <button
        type="button"
        className="link"
        aria-expanded={open}
        aria-controls={listId}
        onClick={() => {
          if (!open) onOpen();
          setOpen(!open);
        }}
      >
        {organs.length} {organs.length === 1 ? 'organ' : 'organs'}
      </button>
      <ul id={listId} hidden={!open} aria-label={`Organs of ${responder.actor.name}`}>
        {organs.map((organ) => (
          <li key={organ.actor.id} className="organ">
            {organ.actor.name} <span className="score">score {fmt(organ.score)}</span> <Standing responder={organ} />
          </li>
        ))}
      </ul>
    </div>
  );
}

/** One ranked responder: score, its breakdown with the evidence behind each part, what it lacks; `onShow` highlights it (with its organs) on the graph. */
export function ResponderCard({ responder, onShow }: { responder: Responder; onShow: () => void }) {
  const parts = BREAKDOWN_PARTS.filter((p) => responder.breakdown[p]);
  return (
    <li className="responder">
      <h3>
        <span className="rank">#{responder.rank}</span>{' '}
        <button type="button" className="link" onClick={onShow}>
          {responder.actor.name}
        </button>{' '}
        <span className="score">score {fmt(responder.score)}</span>
        {responder.familyScore !== undefined && responder.familyScore !== responder.score && (
          <span className="score"> (best in its family {fmt(responder.familyScore)})</span>
        )}
      </h3>
      <p className="standing-line">
        <Standing responder={responder} />
      </p>
      <Organs responder={responder} onOpen={onShow} />
      <table className="breakdown">
        <caption className="visually-hidden">Score breakdown of {responder.actor.name}</caption>
        <thead>
          <tr>
            <th scope="col">Part</th>
            <th scope="col">Score</th>
            <th scope="col">Weight</th>
            <th scope="col">Adds</th>
          </tr>
        </thead>
        <tbody>
          {parts.map((p) => {
            const part = responder.breakdown[p];
            if (!part) return null;
            return (
              <tr key={p}>
                <th scope="row">
                  {PART_NAMES[p]}
                  {part.inherited ? ' (inherited)' : ''}
                </th>
                <td>{fmt(part.score)}</td>
                <td>{fmt(part.weight)}</td>
                <td>{fmt(part.contribution)}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
      <details>
        <summary>Evidence</summary>
        <ul className="evidence">
          {parts.flatMap((p) =>
            (responder.breakdown[p]?.facts ?? []).map((fact) => (
              <li key={`${p}:${fact.text}`}>
                <strong>{PART_NAMES[p]}:</strong> {fact.text}
                <Sources sources={fact.sources} />
              </li>
            )),
          )}
        </ul>
      </details>
      {responder.lacks.length > 0 && (
        <p className="lacks">
          <strong>Lacks:</strong> {responder.lacks.join('; ')}
        </p>
      )}
    </li>
  );
}
