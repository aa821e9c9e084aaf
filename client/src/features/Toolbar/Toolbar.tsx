import { useId, useState } from 'react';
import { LAYOUTS, type LayoutName, type Scope } from '../../view/viewState';

const LAYOUT_NAMES: Record<LayoutName, string> = {
  fcose: 'Force-directed (fCoSE)',
  concentric: 'Concentric by centrality',
  region: 'Grouped by region',
};

interface ToolbarProps {
  layout: LayoutName;
  onLayout: (layout: LayoutName) => void;
  onRelayout: () => void;
  scope: Scope;
  onScope: (scope: Scope) => void;
  undo: { run: () => void; can: boolean };
  redo: { run: () => void; can: boolean };
  tableShown: boolean;
  onToggleTable: () => void;
  children?: React.ReactNode;
}

export function Toolbar({ layout, onLayout, onRelayout, scope, onScope, undo, redo, tableShown, onToggleTable, children }: ToolbarProps) {
  const id = useId();
  const [copied, setCopied] = useState('');
  return (
    <div className="toolbar" role="toolbar" aria-label="View">
      <label htmlFor={`${id}-scope`}>Draw</label>
      <select id={`${id}-scope`} value={scope} onChange={(e) => onScope(e.target.value as Scope)}>
        <option value="all">the whole graph</option>
        <option value="expanded">only what I expand</option>
      </select>
      <label htmlFor={`${id}-layout`}>Layout</label>
      <select id={`${id}-layout`} value={layout} onChange={(e) => onLayout(e.target.value as LayoutName)}>
        {LAYOUTS.map((l) => (
          <option key={l} value={l}>
            {LAYOUT_NAMES[l]}
          </option>
        ))}
      </select>
      <button type="button" onClick={onRelayout}>
        Re-run layout
      </button>
      <button type="button" onClick={undo.run} disabled={!undo.can} aria-keyshortcuts="Control+Z">
        Undo
      </button>
      <button type="button" onClick={redo.run} disabled={!redo.can} aria-keyshortcuts="Control+Shift+Z">
        Redo
      </button>
      <button type="button" aria-pressed={tableShown} onClick={onToggleTable}>
        Table view
      </button>
      {children}
      <button
        type="button"
        onClick={() => {
          navigator.clipboard?.writeText(window.location.href).then(
            () => setCopied('Link copied.'),
            () => setCopied('Copy the address bar: it holds this view.'),
          );
        }}
      >
        Copy link to this view
      </button>
      <span role="status" className="muted">
        {copied}
      </span>
    </div>
  );
}
