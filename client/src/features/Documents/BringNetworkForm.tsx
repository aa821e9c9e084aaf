import type { ActorKind, RelType } from '@atlas/seed/src/schema';
import { type FormEvent, useState } from 'react';
import { toProblem } from '../../api/http';
import type { Problem } from '../../api/types';
import { ACTOR_KIND_WORDS, REL_TYPE_WORDS } from '../../vocabulary';
import { ProblemMessage } from '../Problem/ProblemMessage';
import { checkNetwork, type DryRun, importNetwork, type NetworkChoice, networkFormatOf } from './networkApi';

/** The relationship types that join two actors (the server's NETWORK_TYPES). */
const TIE_TYPES: RelType[] = [
  'DIALOGUE_WITH',
  'SUPPORTS',
  'FUNDS',
  'PROVIDES_DATA_TO',
  'MEMBER_OF',
  'PART_OF',
  'ESTABLISHED',
  'SUCCEEDED_BY',
];

interface BringNetworkFormProps {
  /** An import wrote to the graph. */
  onImported: (note: string) => void;
}

const networkName = (fileName: string) =>
  fileName
    .replace(/\.[^.]*$/, '')
    .replace(/[^A-Za-z0-9_-]+/g, '-')
    .slice(0, 60);

/**
 * A researcher's own network (GraphML, GEXF, edge-list CSV): choose the kind of its nodes and the
 * type of its ties, check what would be written (the server's dry run), then import it.
 */
export function BringNetworkForm({ onImported }: BringNetworkFormProps) {
  const [file, setFile] = useState<File | null>(null);
  const [choice, setChoice] = useState<NetworkChoice>({ network: '', kind: 'civil-society', type: 'DIALOGUE_WITH' });
  const [check, setCheck] = useState<DryRun | null>(null);
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<Problem | null>(null);

  const choose = (change: Partial<NetworkChoice>) => {
    setChoice((c) => ({ ...c, ...change }));
    setCheck(null);
  };

  async function run(work: () => Promise<void>) {
    setBusy(true);
    setProblem(null);
    try {
      await work();
    } catch (error) {
      setProblem(toProblem(error));
    } finally {
      setBusy(false);
    }
  }

  const submitCheck = (event: FormEvent) => {
    event.preventDefault();
    if (file) void run(async () => setCheck(await checkNetwork(file, choice)));
  };
  const submitImport = () =>
    file &&
    run(async () => {
      const report = await importNetwork(file, choice);
      setCheck(null);
      onImported(`Imported ${choice.network}: ${report.nodes.created} actors and ${report.relationships.created} ties created.`);
    });

  return (
    <form className="bring-network" onSubmit={submitCheck} aria-label="Bring a network">
      <label>
        A network file (GraphML, GEXF, edge-list CSV)
        <input
          type="file"
          accept=".graphml,.xml,.gexf,.csv"
          onChange={(e) => {
            const chosen = e.target.files?.[0] ?? null;
            setFile(chosen);
            choose({ network: chosen ? networkName(chosen.name) : '' });
          }}
        />
      </label>
      {file && !networkFormatOf(file.name) && <p>Read as GraphML (the name does not say .graphml, .gexf or .csv).</p>}
      <label>
        Network name <input value={choice.network} onChange={(e) => choose({ network: e.target.value })} required />
      </label>
      <label>
        Every node is
        <select value={choice.kind} onChange={(e) => choose({ kind: e.target.value })}>
          {Object.entries(ACTOR_KIND_WORDS).map(([code, word]) => (
            <option key={code} value={code}>
              {word.name}
            </option>
          ))}
        </select>
      </label>
      <label>
        Every tie is
        <select value={choice.type} onChange={(e) => choose({ type: e.target.value })}>
          {TIE_TYPES.map((t) => (
            <option key={t} value={t}>
              {REL_TYPE_WORDS[t].name}
            </option>
          ))}
        </select>
      </label>
      <button type="submit" disabled={busy || !file}>
        Check
      </button>
      <button type="button" disabled={busy || !check?.valid} onClick={submitImport}>
        Import
      </button>
      {check && <CheckResult check={check} kind={choice.kind as ActorKind} />}
      {problem && <ProblemMessage problem={problem} />}
    </form>
  );
}

function CheckResult({ check, kind }: { check: DryRun; kind: ActorKind }) {
  const ties = Object.values(check.relationships).reduce((a, b) => a + b, 0);
  const net = check.network;
  return (
    <div role="status" aria-label="What the import would write">
      <p>
        Would write {check.nodes.Actor ?? 0} {ACTOR_KIND_WORDS[kind].name} actors and {ties} ties
        {net ? ` (${net.directedTies} directed, ${net.undirectedTies} undirected; ${net.mergedTies} repeated ties merged)` : ''}.
      </p>
      {check.problems.length > 0 && (
        <ul aria-label="Problems">
          {check.problems.map((p) => (
            <li key={`${p.field}:${p.message}`}>
              <code>{p.field}</code>: {p.message}
            </li>
          ))}
          {check.truncated && <li>…and more</li>}
        </ul>
      )}
    </div>
  );
}
