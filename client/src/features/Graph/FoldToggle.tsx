interface FoldToggleProps {
  name: string;
  /** Members it has in the graph. */
  members: number;
  unfolded: boolean;
  onToggle: () => void;
}

/** Draws or folds away the member states (or countries) of the selected organisation (or region). */
export function FoldToggle({ name, members, unfolded, onToggle }: FoldToggleProps) {
  if (members === 0) return null;
  const what = members === 1 ? 'member' : `${members} members`;
  return (
    <button type="button" aria-pressed={unfolded} onClick={onToggle}>
      {unfolded ? `Fold ${what} into ${name}` : `Draw ${what} of ${name}`}
    </button>
  );
}
