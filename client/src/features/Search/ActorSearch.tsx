import { SEARCH_LIMITS } from '@atlas/seed/src/contract';
import { type KeyboardEvent, useId, useState } from 'react';
import type { ActorSearchResult } from '../../api/types';
import { styleFor } from '../../graph/palette';
import { ShapeSwatch } from '../Graph/ShapeSwatch';
import { ProblemMessage } from '../Problem/ProblemMessage';
import { useActorSearch } from './useActorSearch';

interface ActorSearchProps {
  onSelect: (actor: ActorSearchResult) => void;
  label?: string;
  /** What the box shows at first, e.g. the name of an actor already chosen. */
  initialText?: string;
}

/** Actor search box following the ARIA combobox-with-listbox pattern. */
export function ActorSearch({ onSelect, label = 'Search actors', initialText = '' }: ActorSearchProps) {
  const id = useId();
  const listboxId = `${id}-listbox`;
  const optionId = (index: number) => `${id}-option-${index}`;
  // `text` is what the box shows; `query` what we search for (cleared once an actor is chosen).
  const [text, setText] = useState(initialText);
  const [query, setQuery] = useState('');
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(-1);
  const search = useActorSearch(query);
  const results = search.status === 'success' ? search.data.results : [];
  const expanded = open && query.trim() !== '' && results.length > 0;

  function choose(actor: ActorSearchResult) {
    setText(actor.name);
    setQuery('');
    setOpen(false);
    setActive(-1);
    onSelect(actor);
  }

  function move(step: 1 | -1) {
    setOpen(true);
    if (results.length === 0) return;
    setActive((current) => {
      if (current === -1) return step === 1 ? 0 : results.length - 1;
      return (current + step + results.length) % results.length;
    });
  }

  function onKeyDown(event: KeyboardEvent<HTMLInputElement>) {
    switch (event.key) {
      case 'ArrowDown':
      case 'ArrowUp':
        event.preventDefault();
        move(event.key === 'ArrowDown' ? 1 : -1);
        break;
      case 'Enter': {
        const actor = expanded ? results[Math.max(active, 0)] : undefined;
        if (actor) {
          event.preventDefault();
          choose(actor);
        }
        break;
      }
      case 'Escape':
        event.preventDefault();
        if (open) {
          setOpen(false);
          setActive(-1);
        } else {
          setText('');
          setQuery('');
        }
        break;
    }
  }

  return (
    <div className="actor-search">
      <label htmlFor={`${id}-input`}>{label}</label>
      <input
        id={`${id}-input`}
        type="text"
        role="combobox"
        autoComplete="off"
        spellCheck={false}
        placeholder="Name, acronym or alias, e.g. UNOWAS"
        aria-autocomplete="list"
        aria-controls={listboxId}
        aria-expanded={expanded}
        aria-activedescendant={expanded && active >= 0 ? optionId(active) : undefined}
        maxLength={SEARCH_LIMITS.maxTermLength}
        value={text}
        onChange={(event) => {
          setText(event.target.value);
          setQuery(event.target.value);
          setOpen(true);
          setActive(-1);
        }}
        onKeyDown={onKeyDown}
        onBlur={() => setOpen(false)}
      />
      <div id={listboxId} role="listbox" aria-label="Actor suggestions" hidden={!expanded}>
        {results.map((actor, index) => {
          const kind = styleFor(actor.kind);
          return (
            // Options are never focused: the combobox keeps focus and handles the keys (aria-activedescendant).
            // biome-ignore lint/a11y/useKeyWithClickEvents: keyboard selection lives on the combobox input
            // biome-ignore lint/a11y/useFocusableInteractive: focus stays on the combobox by design
            <div
              key={actor.id}
              id={optionId(index)}
              role="option"
              aria-selected={index === active}
              className={index === active ? 'active' : undefined}
              // Keep focus in the input so the listbox does not close before the click lands.
              onMouseDown={(event) => event.preventDefault()}
              onClick={() => choose(actor)}
            >
              <span className="suggestion-name">{actor.name}</span>
              {actor.acronym && <span className="suggestion-acronym"> ({actor.acronym})</span>}
              <span className="suggestion-kind">
                <ShapeSwatch shape={kind.shape} fill={kind.fill} />
                {kind.name}
              </span>
            </div>
          );
        })}
      </div>
      {/* Always mounted so screen readers announce changes to it. */}
      <p className="search-status" role="status">
        {open ? statusMessage(search, query.trim()) : ''}
      </p>
      {open && query.trim() && search.status === 'error' && <ProblemMessage problem={search.problem} onRetry={search.retry} />}
    </div>
  );
}

function statusMessage(search: ReturnType<typeof useActorSearch>, typed: string): string {
  if (search.tooLong) return `Search terms are at most ${SEARCH_LIMITS.maxTermLength} characters; shorten it to a name, acronym or alias.`;
  if (!typed || search.status === 'error') return '';
  if (search.status !== 'success' || search.query !== typed) return 'Searching…';
  const count = search.data.results.length;
  return count === 0 ? `No actors match “${typed}”.` : `${count} suggestion${count === 1 ? '' : 's'}.`;
}
