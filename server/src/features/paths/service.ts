import { REL_TYPES } from '@atlas/seed';
import type { ManagedTransaction } from 'neo4j-driver';
import type { Database } from '../../db/database.js';
import { AppError, translateDriverError } from '../../errors.js';
import type { Caller } from '../../http/caller.js';
import type { GraphEdge, GraphNode } from '../graph/model.js';
import {
  type EndpointMatch,
  type EndpointNode,
  type FoundPath,
  findEndpointsAndPaths,
  findPaths,
  type PathEdge,
  resolveEndpoints,
  type SourceInfo,
  type StatementRunner,
} from './repository.js';
import { MAX_HOPS, type PathsOptions } from './schema.js';
import { type CitedSource, describePath, describeStep } from './sentence.js';
import { findWeightedPaths } from './weighted.js';

export interface EndpointAnswer {
  id: string;
  name: string;
  acronym: string | null;
  label: string;
  matchedBy: 'id' | 'search';
  /** Other actors the search term matched, best first, so the UI can offer them. */
  alternatives?: Array<{ id: string; name: string; acronym: string | null }>;
}

export interface PathStep {
  edgeId: string;
  from: string;
  to: string;
  type: string;
  text: string;
  sources: Array<{ id: string; title: string; quote: string | null }>;
}

export interface PathAnswer {
  length: number;
  /** weight=weight: the path's total weight. */
  distance?: number;
  nodes: GraphNode[];
  edges: GraphEdge[];
  sentence: string;
  steps: PathStep[];
}

export interface PathsAnswer {
  from: EndpointAnswer;
  to: EndpointAnswer;
  mode: PathsOptions['mode'];
  options: PathsOptions;
  paths: PathAnswer[];
  /** true when more paths matched than `limit` allowed to return (modes shortest and all). */
  truncated: boolean;
  reason?: string;
}

export async function answerPaths(db: Database, caller: Caller, options: PathsOptions, timeoutMs: number): Promise<PathsAnswer> {
  try {
    return await searchPaths(db, caller, options, timeoutMs);
  } catch (error) {
    // The central translation says a query took too long; a path search can say which knobs to turn.
    if (translateDriverError(error)?.code !== 'query-timeout') throw error;
    // A 4xx: the request asked for more than the time budget allows, and it says how to ask for less.
    throw new AppError(
      422,
      'query-timeout',
      'The path search took too long',
      'Narrow it: fewer hops (maxHops), fewer relationship types (types), a direction, mode=shortest instead of all or k-shortest, or avoid busy hubs (avoid, avoidKinds).',
    );
  }
}

function searchPaths(db: Database, caller: Caller, options: PathsOptions, timeoutMs: number): Promise<PathsAnswer> {
  // A weighted search reads a slice in several statements: one managed transaction. Otherwise each
  // statement is an auto-commit read of its own (one round trip each, no BEGIN and COMMIT; issue 13).
  // Neo4j reads are read committed either way: statements of one transaction do not share a snapshot either.
  if (options.weight) return db.readTransaction((tx) => searchPathsWith(tx, caller, options, tx), timeoutMs);
  const autoCommit: StatementRunner = { run: (query: string, params?: Record<string, unknown>) => db.read(query, params, timeoutMs) };
  return searchPathsWith(autoCommit, caller, options);
}

async function searchPathsWith(
  tx: StatementRunner,
  caller: Caller,
  options: PathsOptions,
  weighted?: ManagedTransaction,
): Promise<PathsAnswer> {
  // Most requests name both ends by id: one statement looks both texts up as ids and searches the
  // paths between them, so the usual request costs one statement (issue 13). Its paths are used
  // only if both texts turn out to be ids of visible entities; if it fails, the ends are looked up
  // again and its error counts only when they are both ids (as when the two ran side by side).
  const early = options.from === options.to || options.weight ? null : await settle(findEndpointsAndPaths(tx, caller, options));
  const byId = early && 'value' in early ? early.value.byId : undefined;
  const [fromMatch, toMatch] = await resolveEndpoints(tx, caller, [options.from, options.to], byId);
  const from = endpointOrFail(fromMatch, 'from', options.from);
  const to = endpointOrFail(toMatch, 'to', options.to);
  if (from.node.id === to.node.id) {
    throw new AppError(400, 'invalid-request', 'Invalid request', 'Check query.to.', [
      { field: 'query.to', message: `resolves to the same entity as query.from (${from.node.id}); choose two different entities` },
    ]);
  }
  const base = { from: endpointAnswer(from), to: endpointAnswer(to), mode: options.mode, options };
  const missing = [from.node, to.node].find((n) => options.asOf && !existsOn(n, options.asOf));
  if (missing) {
    return { ...base, paths: [], truncated: false, reason: `${missing.name} is not recorded as existing on ${options.asOf}.` };
  }
  const byIds = from.kind === 'id' && to.kind === 'id' && early;
  const found = weighted
    ? await findWeightedPaths(weighted, caller, from.node.id, to.node.id, options)
    : byIds
      ? unwrap(early).found
      : await findPaths(tx, caller, from.node.id, to.node.id, options);
  const answers = found.paths.map((p) => toAnswer(p, found.sources));
  return answers.length > 0
    ? { ...base, paths: answers, truncated: found.truncated }
    : { ...base, paths: [], truncated: found.truncated, reason: noPathReason(options) };
}

type Settled<T> = { value: T } | { error: unknown };

/** A promise that never rejects, so it can wait unobserved while other work is awaited first. */
const settle = <T>(promise: Promise<T>): Promise<Settled<T>> =>
  promise.then(
    (value) => ({ value }),
    (error: unknown) => ({ error }),
  );

function unwrap<T>(settled: Settled<T>): T {
  if ('error' in settled) throw settled.error;
  return settled.value;
}

function endpointOrFail(match: EndpointMatch, field: 'from' | 'to', text: string): Exclude<EndpointMatch, { kind: 'none' }> {
  if (match.kind !== 'none') return match;
  throw new AppError(
    404,
    'not-found',
    'Endpoint not found',
    `Nothing visible to you matches '${text}' (query.${field}): no entity has that id and no actor's name, acronym or alias matches it.`,
  );
}

function endpointAnswer(match: Exclude<EndpointMatch, { kind: 'none' }>): EndpointAnswer {
  const { id, name, acronym, label } = match.node;
  if (match.kind === 'id') return { id, name, acronym, label, matchedBy: 'id' };
  return {
    id,
    name,
    acronym,
    label,
    matchedBy: 'search',
    alternatives: match.alternatives.map((a) => ({ id: a.id, name: a.name, acronym: a.acronym })),
  };
}

/** validFrom inclusive, validTo exclusive, nulls open; ISO dates compare as strings. */
const existsOn = (node: EndpointNode, date: string): boolean =>
  (node.validFrom === null || node.validFrom <= date) && (node.validTo === null || date < node.validTo);

/** sourceIds and quotes are parallel lists; a source the caller may not see is left out with its quote. */
function citations(edge: PathEdge, sources: Map<string, SourceInfo>): CitedSource[] {
  return edge.sourceIds.flatMap((id, i) => {
    const source = sources.get(id);
    return source ? [{ ...source, quote: edge.quotes[i] || null }] : [];
  });
}

function toAnswer(path: FoundPath, sources: Map<string, SourceInfo>): PathAnswer {
  const steps = path.edges.map((edge, i): PathStep => {
    const from = path.nodes[i] as GraphNode;
    const to = path.nodes[i + 1] as GraphNode;
    const cited = citations(edge, sources);
    return {
      edgeId: edge.id,
      from: from.id,
      to: to.id,
      type: edge.type,
      text: describeStep(from, to, { ...edge, forward: edge.source === from.id }, cited),
      sources: cited.map(({ id, title, quote }) => ({ id, title, quote })),
    };
  });
  const edges = path.edges.map(({ id, source, target, type, sensitivity, validFrom, validTo }) => ({
    id,
    source,
    target,
    type,
    sensitivity,
    validFrom,
    validTo,
  }));
  const distance = 'distance' in path ? { distance: path.distance as number } : {};
  return { length: path.edges.length, ...distance, nodes: path.nodes, edges, sentence: describePath(steps.map((s) => s.text)), steps };
}

/** Why nothing came back, in the request's own terms, with what to relax; never a word about what the caller cannot see. */
export function noPathReason(options: PathsOptions): string {
  const limits: string[] = [];
  const relax: string[] = [];
  if (options.types.length < REL_TYPES.length) relax.push('allowing more relationship types');
  if (options.maxHops < MAX_HOPS) relax.push('more hops');
  if (options.direction !== 'any') {
    limits.push(`following relationships ${options.direction === 'outgoing' ? 'forwards' : 'backwards'} only`);
    relax.push('direction=any');
  }
  if (options.asOf) {
    limits.push(`as of ${options.asOf}`);
    relax.push('another date');
  }
  const avoided = [...options.avoid, ...options.avoidKinds];
  if (avoided.length > 0) {
    limits.push(`avoiding ${avoided.join(', ')}`);
    relax.push('avoiding less');
  }
  const hops = `${options.maxHops} hop${options.maxHops === 1 ? '' : 's'}`;
  const scope = limits.length > 0 ? ` (${limits.join('; ')})` : '';
  const last = relax.pop();
  const advice = last === undefined ? 'nothing is left to relax' : `try ${[relax.join(', '), last].filter(Boolean).join(' or ')}`;
  return `No path within ${hops} using ${options.types.join(', ')}${scope}; ${advice}.`;
}
