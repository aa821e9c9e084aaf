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

/**
 * Shorter visible labels so the seven tabs fit the 30rem side panel on one line (at 1280 and at
 * 1024 px alike, where the panel keeps its width); the full title stays the tab's accessible name,
 * which starts with the visible label (WCAG 2.5.3), and its tooltip.
 */
const SHORT_TITLES: Partial<Record<PanelId, string>> = { gaps: 'Gaps' };

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
            aria-label={SHORT_TITLES[panel] && PANEL_TITLES[panel]}
            title={SHORT_TITLES[panel] && PANEL_TITLES[panel]}
          >
            {SHORT_TITLES[panel] ?? PANEL_TITLES[panel]}
          </button>
        ))}
      </div>
      <section role="tabpanel" id={`panel-${active}`} aria-labelledby={`tab-${active}`} className="panel-body">
        {children}
      </section>
    </aside>
  );
}
