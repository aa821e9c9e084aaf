import type { FactSource } from '../../api/types';

/** The sources a fact rests on, with their quotes. */
export function Sources({ sources }: { sources: FactSource[] }) {
  if (sources.length === 0) return <p className="muted">No source recorded; treat as unverified.</p>;
  return (
    <ul className="sources">
      {sources.map((s) => (
        <li key={s.id}>
          <cite>{s.title}</cite>
          {s.quote && <blockquote>{s.quote}</blockquote>}
        </li>
      ))}
    </ul>
  );
}
