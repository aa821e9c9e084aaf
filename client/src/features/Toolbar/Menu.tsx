import { type ReactNode, useEffect, useRef } from 'react';

interface MenuProps {
  summary: ReactNode;
  className?: string;
  bodyClassName?: string;
  children: ReactNode;
}

/** Room kept between a menu and the window's edge, in px. */
const EDGE = 8;

/**
 * A disclosure menu (<details>) that behaves like one: Escape closes it and gives focus back to
 * its button, a click elsewhere closes it, and its body is shifted left when it would run off the
 * right edge of the window.
 */
export function Menu({ summary, className = '', bodyClassName = '', children }: MenuProps) {
  const ref = useRef<HTMLDetailsElement>(null);
  const body = useRef<HTMLDivElement>(null);

  useEffect(() => {
    const onPointerDown = (event: PointerEvent) => {
      const menu = ref.current;
      if (menu?.open && !menu.contains(event.target as Node)) menu.open = false;
    };
    document.addEventListener('pointerdown', onPointerDown);
    return () => document.removeEventListener('pointerdown', onPointerDown);
  }, []);

  const keepInWindow = () => {
    const el = body.current;
    if (!el || !ref.current?.open) return;
    el.style.transform = '';
    el.style.maxWidth = `${window.innerWidth - 2 * EDGE}px`;
    const overflow = el.getBoundingClientRect().right - (window.innerWidth - EDGE);
    const room = el.getBoundingClientRect().left - EDGE;
    if (overflow > 0) el.style.transform = `translateX(-${Math.min(overflow, Math.max(room, 0))}px)`;
  };

  return (
    <details
      ref={ref}
      className={`menu ${className}`.trim()}
      onToggle={keepInWindow}
      onKeyDown={(event) => {
        if (event.key !== 'Escape' || !ref.current?.open) return;
        event.preventDefault();
        event.stopPropagation();
        ref.current.open = false;
        ref.current.querySelector('summary')?.focus();
      }}
    >
      <summary>{summary}</summary>
      <div ref={body} className={`menu-body ${bodyClassName}`.trim()}>
        {children}
      </div>
    </details>
  );
}
