import { type ReactNode, useId, useState } from 'react';
import './wide.css';

interface WideSectionProps {
  title: string;
  className: string;
  children: ReactNode;
}

/**
 * A panel that can be laid over the whole window when it needs the room (a heat map, a map):
 * a toggle button under its heading, and Escape to return to the side panel.
 */
export function WideSection({ title, className, children }: WideSectionProps) {
  const id = useId();
  const [wide, setWide] = useState(false);
  return (
    <section
      className={wide ? `${className} wide-view` : className}
      aria-labelledby={`${id}-title`}
      onKeyDown={(event) => {
        if (wide && event.key === 'Escape') setWide(false);
      }}
    >
      <h2 id={`${id}-title`}>{title}</h2>
      <button type="button" className="wide-toggle" aria-pressed={wide} onClick={() => setWide((w) => !w)}>
        {wide ? 'Back to the side panel' : 'Full-width view'}
      </button>
      {children}
    </section>
  );
}
