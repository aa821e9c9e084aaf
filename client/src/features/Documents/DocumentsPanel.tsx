import { useState } from 'react';
import { toProblem } from '../../api/http';
import type { Problem } from '../../api/types';
import { useRequest } from '../../api/useRequest';
import { RequestState } from '../Panels/RequestState';
import { ProblemMessage } from '../Problem/ProblemMessage';
import { BringDocumentForm } from './BringDocumentForm';
import { BringNetworkForm } from './BringNetworkForm';
import { type Decision, decideProposal, listDocuments, listProposals } from './documentsApi';
import { ProposalItem } from './ProposalItem';

interface DocumentsPanelProps {
  /** A decision wrote to the graph: the drawing reloads to show it. */
  onGraphChanged: () => void;
}

/** Bring a document and review what it proposes: nothing reaches the graph without a decision here. */
export function DocumentsPanel({ onGraphChanged }: DocumentsPanelProps) {
  const [reload, setReload] = useState(0);
  const [openId, setOpenId] = useState<string | null>(null);
  const [note, setNote] = useState('');
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<Problem | null>(null);
  const documents = useRequest(`documents:${reload}`, listDocuments);
  const proposals = useRequest(openId ? `proposals:${openId}:${reload}` : null, (signal) => listProposals(openId as string, signal));

  async function decide(proposalId: string, decision: Decision) {
    if (!openId) return;
    setBusy(true);
    setProblem(null);
    try {
      const decided = await decideProposal(openId, proposalId, decision);
      if (decided.status !== 'rejected') onGraphChanged();
      setReload((n) => n + 1);
    } catch (error) {
      setProblem(toProblem(error));
    } finally {
      setBusy(false);
    }
  }

  return (
    <section className="documents-panel" aria-label="Documents">
      <h2>Bring a document</h2>
      <BringDocumentForm
        onBrought={(doc, message) => {
          setNote(message);
          setOpenId(doc.id);
          setReload((n) => n + 1);
        }}
      />
      <p role="status">{note}</p>
      <h2>Bring a network</h2>
      <BringNetworkForm
        onImported={(message) => {
          setNote(message);
          onGraphChanged();
        }}
      />
      <h2>Documents</h2>
      <RequestState request={documents} loading="Loading documents…">
        {(data) => (
          <ul className="documents">
            {data.documents.map((d) => (
              <li key={d.id}>
                <button type="button" aria-pressed={d.id === openId} onClick={() => setOpenId(d.id)}>
                  {d.title}
                </button>{' '}
                <span>
                  {d.date} · {d.kind} · {d.sensitivity} · {d.proposals.pending ?? 0} pending
                </span>
              </li>
            ))}
          </ul>
        )}
      </RequestState>
      {problem && <ProblemMessage problem={problem} />}
      {openId && (
        <RequestState request={proposals} loading="Loading proposals…">
          {(data) => (
            <ol className="proposals" aria-label="Proposals">
              {data.proposals.map((p) => (
                <ProposalItem key={p.id} proposal={p} busy={busy} onDecide={(decision) => decide(p.id, decision)} />
              ))}
            </ol>
          )}
        </RequestState>
      )}
    </section>
  );
}
