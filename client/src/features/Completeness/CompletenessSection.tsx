import { useRequest } from '../../api/useRequest';
import { RequestState } from '../Panels/RequestState';
import { type CompletenessResponse, fetchCompleteness, type Unknowns } from './completenessApi';

interface CompletenessSectionProps {
  threat: string;
  region: string;
  asOf: string | null;
}

/**
 * What the graph does not know about a threat in a region, shown beside the gaps so that "no
 * funding recorded" or "no presence recorded" is read as unknown, not as missing.
 */
export function CompletenessSection({ threat, region, asOf }: CompletenessSectionProps) {
  const request = useRequest(JSON.stringify({ threat, region, asOf }), (signal) =>
    fetchCompleteness({ threat, region, asOf, limit: 20 }, signal),
  );
  return (
    <section className="completeness" aria-label="What the graph does not know">
      <h3>What the graph does not know</h3>
      <RequestState request={request} loading="Checking what is recorded…">
        {(data) => <CompletenessLists data={data} />}
      </RequestState>
    </section>
  );
}

function CompletenessLists({ data }: { data: CompletenessResponse }) {
  return (
    <dl className="completeness-list">
      <UnknownList
        title="No funding recorded"
        what="initiatives"
        list={data.initiativesWithoutFunding}
        describe={(i) => ({ key: i.id, text: i.name })}
      />
      <UnknownList
        title="No presence recorded"
        what="actors"
        list={data.actorsWithoutPresence}
        describe={(a) => ({ key: a.id, text: a.name })}
      />
      <UnknownList
        title="No quote recorded"
        what="facts"
        list={data.factsWithoutQuote}
        describe={(f) => ({ key: f.id, text: `${f.from.name} ${f.type} ${f.to.name}` })}
      />
    </dl>
  );
}

function UnknownList<T>({
  title,
  what,
  list,
  describe,
}: {
  title: string;
  what: string;
  list: Unknowns<T>;
  describe: (item: T) => { key: string; text: string };
}) {
  const more = list.unknown - list.examples.length;
  return (
    <>
      <dt>
        {title}: {list.unknown} of {list.inScope} {what}
      </dt>
      <dd>
        {list.unknown === 0 ? (
          <span>all recorded</span>
        ) : (
          <ul>
            {list.examples.map((item) => {
              const { key, text } = describe(item);
              return <li key={key}>{text}</li>;
            })}
            {more > 0 && <li>and {more} more</li>}
          </ul>
        )}
      </dd>
    </>
  );
}
