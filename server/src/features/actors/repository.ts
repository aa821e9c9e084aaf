import type { Database } from '../../db/database.js';
import { defineQueries } from '../../db/queries.js';
import { int, toNeo4jDate, toPlain } from '../../db/values.js';
import type { Caller } from '../../http/caller.js';
import type { GraphEdge, GraphNode, Subgraph } from '../graph/model.js';
import { toLuceneQuery } from './lucene.js';
import { relevance } from './relevance.js';

const q = defineQueries('actors', ['search', 'byId', 'neighbourhood']);

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

export async function findActor(db: Database, caller: Caller, id: string): Promise<ActorDetails | null> {
  const result = await db.read(q.byId, { id, allowed: caller.allowed });
  const row = result.records[0];
  if (!row) return null;
  const stored = toPlain(row.get('actor')) as Omit<ActorDetails, 'sources'> & {
    sourceIds?: string[];
    quotes?: string[];
    aliasText?: string;
  };
  const { sourceIds = [], quotes = [], aliasText: _aliasText, ...actor } = stored;
  const visible = new Map((toPlain(row.get('sources')) as Omit<SourceRef, 'quote'>[]).map((s) => [s.id, s]));
  // sourceIds and quotes are parallel lists; keep the pairs whose source the caller may see.
  const sources = sourceIds.flatMap((sourceId, i) => {
    const source = visible.get(sourceId);
    return source ? [{ ...source, quote: quotes[i] || null }] : [];
  });
  return { ...actor, acronym: actor.acronym ?? null, aliases: actor.aliases ?? [], description: actor.description ?? null, sources };
}

export async function findNeighbourhood(
  db: Database,
  caller: Caller,
  id: string,
  asOf: string | undefined,
  limit: number,
): Promise<Subgraph> {
  const result = await db.read(q.neighbourhood, {
    id,
    allowed: caller.allowed,
    asOf: asOf ? toNeo4jDate(asOf) : null,
    limit: int(limit),
  });
  const nodes = new Map<string, GraphNode>();
  const edges: GraphEdge[] = [];
  for (const r of result.records) {
    const node = toPlain(r.get('node')) as GraphNode;
    nodes.set(node.id, node);
    edges.push(toPlain(r.get('edge')) as GraphEdge);
  }
  return { nodes: [...nodes.values()], edges };
}
