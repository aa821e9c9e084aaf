import { lazy, type ReactNode, Suspense } from 'react';
import type { Decoration } from '../../graph/decoration';
import type { ViewState } from '../../view/viewState';
import { BrokersPanel } from '../Brokers/BrokersPanel';
import { DocumentsPanel } from '../Documents/DocumentsPanel';
import { GapsPanel } from '../Gaps/GapsPanel';
import { PathsPanel } from '../Paths/PathsPanel';
import { RespondersPanel } from '../Responders/RespondersPanel';
import type { PanelHighlight } from './panelHighlight';

/** The map and its geography libraries load only when the Map panel is first opened. */
const MapPanel = lazy(() => import('../Map/MapPanel').then((m) => ({ default: m.MapPanel })));

interface PanelBodyProps {
  view: ViewState;
  asOf: string | null;
  types: string[];
  details: ReactNode;
  update: (patch: Partial<ViewState>) => void;
  onHighlight: (highlight: PanelHighlight | null) => void;
  onDecorate: (decoration: Decoration | null) => void;
  onFocusNode: (id: string) => void;
  /** A review decision wrote to the graph. */
  onGraphChanged?: () => void;
}

/** The active panel, wired to the view state it reads and writes. */
export function PanelBody({ view, asOf, types, details, update, onHighlight, onDecorate, onFocusNode, onGraphChanged }: PanelBodyProps) {
  switch (view.panel) {
    case 'paths':
      return <PathsPanel query={view.paths} types={types} asOf={asOf} onQuery={(paths) => update({ paths })} onHighlight={onHighlight} />;
    case 'responders':
      return (
        <RespondersPanel query={view.responders} asOf={asOf} onQuery={(responders) => update({ responders })} onHighlight={onHighlight} />
      );
    case 'brokers':
      return (
        <BrokersPanel
          query={view.brokers}
          asOf={asOf}
          onQuery={(brokers) => update({ brokers })}
          onDecorate={onDecorate}
          onFocusNode={onFocusNode}
        />
      );
    case 'gaps':
      return <GapsPanel query={view.gaps} asOf={asOf} onQuery={(gaps) => update({ gaps })} onHighlight={onHighlight} />;
    case 'map':
      return (
        <Suspense fallback={<p role="status">Loading the map…</p>}>
          <MapPanel asOf={asOf} onHighlight={onHighlight} />
        </Suspense>
      );
    case 'documents':
      return <DocumentsPanel onGraphChanged={onGraphChanged ?? (() => {})} />;
    default:
      return <>{details}</>;
  }
}
