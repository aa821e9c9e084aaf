import { type FormEvent, useState } from 'react';
import { toProblem } from '../../api/http';
import type { Problem } from '../../api/types';
import { ProblemMessage } from '../Problem/ProblemMessage';
import { type DocumentSummary, LEVELS, pasteDocument, SOURCE_KINDS, uploadDocument } from './documentsApi';

interface BringDocumentFormProps {
  onBrought: (document: DocumentSummary, note: string) => void;
}

/** Paste text or choose a file (text, Markdown, PDF, .docx); the uploader says what the document is and how sensitive. */
export function BringDocumentForm({ onBrought }: BringDocumentFormProps) {
  const [title, setTitle] = useState('');
  const [date, setDate] = useState(new Date().toISOString().slice(0, 10));
  const [kind, setKind] = useState<string>('meeting-note');
  const [sensitivity, setSensitivity] = useState<string>('CLEAR');
  const [text, setText] = useState('');
  const [file, setFile] = useState<File | null>(null);
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<Problem | null>(null);

  async function submit(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    setProblem(null);
    try {
      const meta = { title, date, kind, sensitivity };
      const brought = file ? await uploadDocument(meta, file) : await pasteDocument(meta, text);
      const note = brought.duplicate
        ? `Already brought: ${brought.added} new proposal(s) added to the earlier upload.`
        : `${brought.added} proposal(s) to review.`;
      onBrought(brought.document, note);
    } catch (error) {
      setProblem(toProblem(error));
    } finally {
      setBusy(false);
    }
  }

  return (
    <form className="bring-document" onSubmit={submit} aria-label="Bring a document">
      <label>
        Title <input value={title} onChange={(e) => setTitle(e.target.value)} required />
      </label>
      <label>
        Date <input type="date" value={date} onChange={(e) => setDate(e.target.value)} required />
      </label>
      <label>
        Kind
        <select value={kind} onChange={(e) => setKind(e.target.value)}>
          {SOURCE_KINDS.map((k) => (
            <option key={k}>{k}</option>
          ))}
        </select>
      </label>
      <label>
        Sensitivity
        <select value={sensitivity} onChange={(e) => setSensitivity(e.target.value)}>
          {LEVELS.map((l) => (
            <option key={l}>{l}</option>
          ))}
        </select>
      </label>
      <label>
        Text <textarea value={text} onChange={(e) => setText(e.target.value)} rows={5} disabled={file !== null} />
      </label>
      <label>
        or a file (text, Markdown, PDF, .docx)
        <input
          type="file"
          accept=".txt,.md,.markdown,.pdf,.docx,text/plain,text/markdown,application/pdf"
          onChange={(e) => setFile(e.target.files?.[0] ?? null)}
        />
      </label>
      <button type="submit" disabled={busy || (!file && text.trim() === '')}>
        {busy ? 'Reading…' : 'Propose facts'}
      </button>
      {problem && <ProblemMessage problem={problem} />}
    </form>
  );
}
