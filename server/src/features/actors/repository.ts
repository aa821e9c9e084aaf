import type { Database } from '../../db/database.js';
import { defineQueries } from '../../db/queries.js';
import { int, toNeo4jDate, toPlain } from '../../db/values.js';
import type { Caller } from '../../http/caller.js';
import type { GraphEdge, GraphNode, Subgraph } from '../graph/model.js';
import { toLuceneQuery } from './lucene.js';
import { relevance } from './relevance.js';

const q = defineQueries('actors', ['search', 'withNeighbourhood']);

/** The statements GET /api/actors/:id runs, in order (the benchmark runs them by the raw driver). */
export const actorQueries = (): string[] => [q.withNeighbourhood];

export interface ActorHit {
  id: string;
  name: string;
  acronym: string | null;
  aliases: string[];
  kind: string;
  score: number;
}

export interface SourceRef {
  id: string;
  title: string;
  kind: string | null;
  date: string | null;
  url: string | null;
  quote: string | null;
}

export interface ActorDetails {
  id: string;
  name: string;
  acronym: string | null;
  aliases: string[];
  kind: string;
  level: string;
  description: string | null;
  sensitivity: string;
  sources: SourceRef[];
}

/** Enough candidates for any real name search; a word shared by more actors is not a useful query. */
const SEARCH_CANDIDATES = 1_000;

export async function searchActors(db: Database, caller: Caller, text: string, limit: number): Promise<ActorHit[]> {
  const query = toLuceneQuery(text);
  if (query === null) return [];
  const result = await db.read(q.search, { query, allowed: caller.allowed, candidates: int(SEARCH_CANDIDATES) });
  return result.records
    .map((r) => {
      const actor = toPlain(r.get('actor')) as Omit<ActorHit, 'score'>;
      const hit = { ...actor, acronym: actor.acronym ?? null, aliases: actor.aliases ?? [] };
      return { ...hit, score: relevance(text, hit) };
    })
    .sort((a, b) => b.score - a.score || a.name.localeCompare(b.name) || (a.id < b.id ? -1 : 1))
    .slice(0, limit);
}

export interface ActorWithNeighbourhood {
  actor: ActorDetails;
  neighbourhood: Subgraph;
}

/**
 * The actor, the sources it cites and its direct neighbours, from one statement in one read
 * transaction; null when no actor with that id is visible to the caller. The neighbourhood's
 * records are plain (dates come back as strings), so only the actor itself is converted.
 */
export async function findActorWithNeighbourhood(
  db: Database,
  caller: Caller,
  id: string,
  asOf: string | undefined,
  limit: number,
): Promise<ActorWithNeighbourhood | null> {
  const result = await db.read(q.withNeighbourhood, {
    id,
    allowed: caller.allowed,
    asOf: asOf ? toNeo4jDate(asOf) : null,
    limit: int(limit),
  });
  const row = result.records[0];
  if (!row) return null;
  const actor = actorDetails(toPlain(row.get('actor')) as StoredActor, row.get('sources') as Omit<SourceRef, 'quote'>[]);
  const nodes = new Map<string, GraphNode>();
  for (const node of row.get('nodes') as GraphNode[]) nodes.set(node.id, node);
  return { actor, neighbourhood: { nodes: [...nodes.values()], edges: row.get('edges') as GraphEdge[] } };
}

type StoredActor = Omit<ActorDetails, 'sources'> & { sourceIds?: string[]; quotes?: string[]; aliasText?: string };

function actorDetails(stored: StoredActor, visibleSources: Omit<SourceRef, 'quote'>[]): ActorDetails {
  const { sourceIds = [], quotes = [], aliasText: _aliasText, ...actor } = stored;
  const visible = new Map(visibleSources.map((s) => [s.id, s]));
  // sourceIds and quotes are parallel lists; keep the pairs whose source the caller may see.
  const sources = sourceIds.flatMap((sourceId, i) => {
    const source = visible.get(sourceId);
    return source ? [{ ...source, quote: quotes[i] || null }] : [];
  });
  return { ...actor, acronym: actor.acronym ?? null, aliases: actor.aliases ?? [], description: actor.description ?? null, sources };
}
