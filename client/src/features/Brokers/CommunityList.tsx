import type { CommunitiesResponse } from '../../api/types';
import { communityStyle } from '../../graph/decoration';
import { orderedCommunities } from './decorate';

/** Communities with their colour swatch and number (so colour is never the only cue), largest first. */
export function CommunityList({ data, onFocusNode }: { data: CommunitiesResponse; onFocusNode: (id: string) => void }) {
  const communities = orderedCommunities(data);
  return (
    <section aria-label="Communities">
      <h3>
        {communities.length} communities ({data.algorithm}, modularity {data.modularity.toFixed(2)})
      </h3>
      <ol className="communities">
        {communities.map((c, i) => (
          <li key={String(c.id)}>
            <span className="swatch" style={{ background: communityStyle(i).fill }} aria-hidden="true" />
            Community {i + 1}: {c.size} nodes{' '}
            {c.members[0] && (
              <button type="button" className="link" onClick={() => onFocusNode(c.members[0] as string)}>
                show
              </button>
            )}
          </li>
        ))}
      </ol>
    </section>
  );
}
