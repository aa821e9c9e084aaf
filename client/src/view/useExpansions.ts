import { useEffect, useRef, useState } from 'react';
import { fetchActor } from '../api/atlas';
import { toProblem } from '../api/http';
import type { ActorResponse, Graph, GraphNode, Problem } from '../api/types';

type Loaded = { status: 'success'; graph: Graph } | { status: 'error'; problem: Problem };

/** The neighbourhood with the actor itself in it, so an actor expanded from a search is drawn too. */
function withActor({ actor, neighbourhood }: ActorResponse): Graph {
  const self: GraphNode = {
    id: actor.id,
    label: 'Actor',
    name: actor.name,
    acronym: actor.acronym,
    kind: actor.kind,
    sensitivity: actor.sensitivity,
  };
  return { nodes: [self, ...neighbourhood.nodes], edges: neighbourhood.edges };
}

/** Neighbourhoods of the expanded actors, fetched on demand (once per actor and date). */
export function useExpansions(expanded: string[], asOf: string | null) {
  const [loaded, setLoaded] = useState<Record<string, Loaded>>({});
  const requested = useRef(new Set<string>());
  const controller = useRef(new AbortController());
  useEffect(() => () => controller.current.abort(), []);

  useEffect(() => {
    for (const id of expanded) {
      const key = `${id}@${asOf}`;
      if (requested.current.has(key)) continue;
      requested.current.add(key);
      const { signal } = controller.current;
      fetchActor(id, signal, asOf).then(
        (data) => setLoaded((l) => ({ ...l, [key]: { status: 'success', graph: withActor(data) } })),
        (error) => {
          if (signal.aborted) return;
          // Forget the failure so expanding again retries.
          requested.current.delete(key);
          setLoaded((l) => ({ ...l, [key]: { status: 'error', problem: toProblem(error) } }));
        },
      );
    }
  }, [expanded, asOf]);

  const states = expanded.map((id) => [id, loaded[`${id}@${asOf}`]] as const);
  return {
    graphs: states.flatMap(([, s]) => (s?.status === 'success' ? [s.graph] : [])),
    loading: states.filter(([, s]) => !s).map(([id]) => id),
    errors: states.flatMap(([id, s]) => (s?.status === 'error' ? [{ id, problem: s.problem }] : [])),
  };
}
