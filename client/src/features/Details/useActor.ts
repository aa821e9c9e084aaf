import { fetchActor } from '../../api/atlas';
import { useRequest } from '../../api/useRequest';

/** An actor's full record and neighbourhood; nothing is fetched while `id` is null. */
export function useActor(id: string | null) {
  return useRequest(id === null ? null : `actor:${id}`, (signal) => fetchActor(id ?? '', signal));
}
