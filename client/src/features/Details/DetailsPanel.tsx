import type { ReactNode } from 'react';
import type { Actor, ActorSource, GraphNode } from '../../api/types';
import { kindOf, styleFor } from '../../graph/palette';
import { ProblemMessage } from '../Problem/ProblemMessage';
import type { Selection } from './selection';
import { useActor } from './useActor';

interface DetailsPanelProps {
  selection: Selection | null;
  /** Controls acting on the selected node (expand, hide, pin). */
  actions?: ReactNode;
}

export function DetailsPanel({ selection, actions }: DetailsPanelProps) {
  return (
    <div className="details">
      <h2 id="details-heading">Details</h2>
      {!selection && <p className="hint">Select a node in the graph, or search for an actor, to see its details.</p>}
      {selection && actions}
      {selection?.label === 'Actor' && <ActorDetails key={selection.id} selection={selection} />}
      {selection && selection.label !== 'Actor' && selection.node && <NodeDetails node={selection.node} />}
    </div>
  );
}

function ActorDetails({ selection }: { selection: Selection }) {
  const request = useActor(selection.id);
  if (request.status === 'error') return <ProblemMessage problem={request.problem} onRetry={request.retry} />;
  if (request.status !== 'success') return <p role="status">Loading details for {selection.name}…</p>;
  return <ActorRecord actor={request.data.actor} />;
}

function Field({ term, children }: { term: string; children: ReactNode }) {
  return (
    <>
      <dt>{term}</dt>
      <dd>{children}</dd>
    </>
  );
}

const NOT_RECORDED = <span className="muted">not recorded</span>;

export function ActorRecord({ actor }: { actor: Actor }) {
  return (
    <article className="record">
      <h3>{actor.name}</h3>
      <dl>
        <Field term="Acronym">{actor.acronym ?? NOT_RECORDED}</Field>
        <Field term="Kind">{styleFor(actor.kind).name}</Field>
        <Field term="Level">{actor.level ?? NOT_RECORDED}</Field>
        <Field term="Sensitivity">
          <SensitivityBadge value={actor.sensitivity} />
        </Field>
        <Field term="Aliases">{actor.aliases.length > 0 ? actor.aliases.join('; ') : NOT_RECORDED}</Field>
        <Field term="Description">{actor.description ?? NOT_RECORDED}</Field>
      </dl>
      <h4>Sources</h4>
      {actor.sources.length === 0 ? (
        <p className="muted">No sources recorded for this actor; treat the entry as unverified.</p>
      ) : (
        <ul className="sources">
          {actor.sources.map((source) => (
            <li key={source.id}>
              <SourceTitle source={source} />
              {source.date && <span className="muted"> ({source.date})</span>}
              {source.quote && <blockquote>{source.quote}</blockquote>}
            </li>
          ))}
        </ul>
      )}
    </article>
  );
}

/** Links only to web addresses, so a stored `javascript:` URL can never become a link. */
function SourceTitle({ source }: { source: ActorSource }) {
  const title = <cite>{source.title}</cite>;
  if (!source.url || !/^https?:\/\//i.test(source.url)) return title;
  return (
    <a href={source.url} target="_blank" rel="noreferrer">
      {title}
    </a>
  );
}

/** Non-actor nodes have no detail endpoint yet, so show what the graph payload carries. */
function NodeDetails({ node }: { node: GraphNode }) {
  return (
    <article className="record">
      <h3>{node.name}</h3>
      <dl>
        <Field term="Type">{styleFor(kindOf(node)).name}</Field>
        {node.acronym && <Field term="Acronym">{node.acronym}</Field>}
        <Field term="Sensitivity">
          <SensitivityBadge value={node.sensitivity} />
        </Field>
      </dl>
    </article>
  );
}

function SensitivityBadge({ value }: { value: string }) {
  return <span className={`sensitivity sensitivity-${value.toLowerCase()}`}>{value}</span>;
}
