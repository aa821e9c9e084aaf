import { type KeyboardEvent, type ReactNode, useRef } from 'react';
import { PANELS, type PanelId } from '../../view/viewState';

export const PANEL_TITLES: Record<PanelId, string> = {
  details: 'Details',
  paths: 'Paths',
  responders: 'Responders',
  brokers: 'Brokers',
  gaps: 'Gaps & coverage',
  map: 'Map',
  documents: 'Documents',
};

interface PanelTabsProps {
  active: PanelId;
  onChange: (panel: PanelId) => void;
  children: ReactNode;
}

/** ARIA tabs: arrow keys, Home and End move between tabs; the active panel follows focus. */
export function PanelTabs({ active, onChange, children }: PanelTabsProps) {
  const tabs = useRef<Array<HTMLButtonElement | null>>([]);
  function onKeyDown(event: KeyboardEvent) {
    const index = PANELS.indexOf(active);
    const next = { ArrowRight: index + 1, ArrowLeft: index - 1, Home: 0, End: PANELS.length - 1 }[event.key];
    if (next === undefined) return;
    event.preventDefault();
    const target = PANELS[(next + PANELS.length) % PANELS.length] as PanelId;
    onChange(target);
    tabs.current[PANELS.indexOf(target)]?.focus();
  }
  return (
    <aside className="panels" aria-label="Panels">
      <div role="tablist" aria-label="Panels" className="tabs" onKeyDown={onKeyDown} tabIndex={-1}>
        {PANELS.map((panel, i) => (
          <button
            key={panel}
            ref={(el) => {
              tabs.current[i] = el;
            }}
            type="button"
            role="tab"
            id={`tab-${panel}`}
            aria-selected={panel === active}
            aria-controls={`panel-${panel}`}
            tabIndex={panel === active ? 0 : -1}
            onClick={() => onChange(panel)}
          >
            {PANEL_TITLES[panel]}
          </button>
        ))}
      </div>
      <section role="tabpanel" id={`panel-${active}`} aria-labelledby={`tab-${active}`} className="panel-body">
        {children}
      </section>
    </aside>
  );
}
