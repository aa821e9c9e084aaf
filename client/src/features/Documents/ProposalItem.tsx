import { useState } from 'react';
import type { Decision, Proposal } from './documentsApi';

interface ProposalItemProps {
  proposal: Proposal;
  busy: boolean;
  onDecide: (decision: Decision) => void;
}

function summary(p: Proposal): string {
  if (p.kind === 'relationship') return `${p.data.fromName} —${p.data.type}→ ${p.data.toName}`;
  const what =
    p.kind === 'entity' ? `New ${p.data.label}` : p.data.status === 'ambiguous' ? `Which ${p.data.label}?` : `Names ${p.data.label}`;
  return `${what}: ${p.data.name}`;
}

/** One proposal with its quote; accept (optionally with an edited name or a chosen candidate), merge into an existing entity, or reject. */
export function ProposalItem({ proposal, busy, onDecide }: ProposalItemProps) {
  const candidates = proposal.data.candidates ?? [];
  const [target, setTarget] = useState(candidates[0]?.id ?? '');
  const [name, setName] = useState(proposal.data.name ?? '');
  const isNew = proposal.kind === 'entity';
  const accept = (): Decision => {
    if (proposal.kind === 'mention') return { action: 'accept', targetId: target };
    if (isNew && name !== proposal.data.name) return { action: 'accept', properties: { name } };
    return { action: 'accept' };
  };
  return (
    <li className={`proposal proposal-${proposal.kind}`} aria-label={summary(proposal)}>
      <p>
        <strong>{summary(proposal)}</strong> <span className="confidence">confidence {proposal.confidence.toFixed(2)}</span>{' '}
        <span className={`level level-${proposal.sensitivity}`}>{proposal.sensitivity}</span>
      </p>
      <blockquote>{proposal.quote}</blockquote>
      {proposal.status !== 'pending' ? (
        <p className="decided">
          {proposal.status}
          {proposal.resultId ? `: ${proposal.resultId}` : ''}
        </p>
      ) : (
        <div className="proposal-actions">
          {isNew && (
            <label>
              Name <input value={name} onChange={(e) => setName(e.target.value)} />
            </label>
          )}
          {candidates.length > 1 && (
            <label>
              Candidate
              <select value={target} onChange={(e) => setTarget(e.target.value)}>
                {candidates.map((c) => (
                  <option key={c.id} value={c.id}>
                    {c.name} ({c.id})
                  </option>
                ))}
              </select>
            </label>
          )}
          {isNew && candidates.length <= 1 && (
            <label>
              or merge into id <input value={target} onChange={(e) => setTarget(e.target.value)} placeholder="actor-…" />
            </label>
          )}
          <button type="button" disabled={busy} onClick={() => onDecide(accept())}>
            Accept
          </button>
          {isNew && (
            <button type="button" disabled={busy || target === ''} onClick={() => onDecide({ action: 'merge', targetId: target })}>
              Merge
            </button>
          )}
          <button type="button" disabled={busy} onClick={() => onDecide({ action: 'reject' })}>
            Reject
          </button>
        </div>
      )}
    </li>
  );
}
