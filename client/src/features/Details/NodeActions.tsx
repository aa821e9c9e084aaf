import type { Workspace } from '../../view/viewState';

interface NodeActionsProps {
  id: string;
  name: string;
  canExpand: boolean;
  workspace: Workspace;
  loading: boolean;
  onExpand: () => void;
  onHide: () => void;
  onPin: () => void;
}

/** Grow and trim the view around the selected node (also: double-click a node to expand it). */
export function NodeActions({ name, canExpand, workspace, id, loading, onExpand, onHide, onPin }: NodeActionsProps) {
  const expanded = workspace.expanded.includes(id);
  const pinned = workspace.pinned.includes(id);
  return (
    <fieldset className="node-actions">
      <legend className="visually-hidden">Actions on {name}</legend>
      {canExpand && (
        <button type="button" onClick={onExpand} aria-pressed={expanded}>
          {expanded ? 'Collapse neighbours' : 'Expand neighbours'}
        </button>
      )}
      <button type="button" onClick={onHide}>
        Hide
      </button>
      <button type="button" onClick={onPin} aria-pressed={pinned}>
        {pinned ? 'Unpin' : 'Pin in place'}
      </button>
      {loading && <span role="status">Loading neighbours…</span>}
    </fieldset>
  );
}
