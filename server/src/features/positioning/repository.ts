import type { ManagedTransaction } from 'neo4j-driver';
import type { Database } from '../../db/database.js';
import { defineQueries } from '../../db/queries.js';
import { toNeo4jDate, toPlain } from '../../db/values.js';
import { AppError } from '../../errors.js';
import type { Caller } from '../../http/caller.js';
import type { GraphNode } from '../graph/model.js';
import type { FactBase } from './factBase.js';
import { buildTree, type Tree } from './hierarchy.js';
import { type Fact, type FactRows, type HierarchyRow, MEMBERSHIP_ORG_KINDS, type RawFact, type SourceCitation } from './model.js';
import { canonicalRows, ROW_KEYS, type RowKey } from './rows.js';

const q = defineQueries('positioning', [
  'threats',
  'regions',
  'mandates',
  'presence',
  'instruments',
  'links',
  'actorHierarchy',
  'memberships',
  'actors',
  'sources',
]);

async function rows<T>(tx: ManagedTransaction, query: string, params: Record<string, unknown>, key: RowKey<T>): Promise<T[]> {
  return canonicalRows<T>((await tx.run(query, params)).records, key);
}

/** Which threat and region ids the fact queries are narrowed to; null (for either or both) loads every fact. */
export type Scope = (trees: { threats: Tree; regions: Tree }) => { threatIds: string[] | null; regionIds: string[] | null } | null;

/**
 * Loads the facts the positioning rests on in one read transaction (one consistent snapshot):
 * the two hierarchies first, then mandates, presence, instruments, ties and the actors they name.
 * Every query filters every node and relationship on the caller's allowed levels and on asOf.
 */
export async function loadFactRows(
  db: Database,
  caller: Caller,
  asOf: string,
  scope: Scope,
  timeoutMs?: number,
  /** Every tie of the graph (gaps: paths of ties may run through any organization), not only those among the actors in scope. */
  { allLinks = false } = {},
): Promise<FactRows> {
  const base = { allowed: caller.allowed, asOf: toNeo4jDate(asOf) };
  return db.readTransaction(async (tx) => {
    const threats = await rows<HierarchyRow>(tx, q.threats, base, ROW_KEYS.hierarchy);
    const regions = await rows<HierarchyRow>(tx, q.regions, base, ROW_KEYS.hierarchy);
    const narrowed = scope({ threats: buildTree(threats), regions: buildTree(regions) });
    const params = { ...base, threatIds: narrowed?.threatIds ?? null, regionIds: narrowed?.regionIds ?? null };
    const mandates = await rows(tx, q.mandates, params, ROW_KEYS.mandates);
    const presence = await rows(tx, q.presence, params, ROW_KEYS.presence);
    const instruments = await rows(tx, q.instruments, params, ROW_KEYS.instruments);
    const actorHierarchy = await rows(tx, q.actorHierarchy, base, ROW_KEYS.actorHierarchy);
    const memberships = await rows(tx, q.memberships, { ...params, orgKinds: MEMBERSHIP_ORG_KINDS }, ROW_KEYS.memberships);
    // A member list comes in the order Neo4j walks it, which changes between runs of one query:
    // sorted, so a member-presence fact cites its memberships in the same order every time.
    for (const m of memberships) m.members.sort((a, b) => (a.stateId < b.stateId ? -1 : a.stateId > b.stateId ? 1 : 0));
    const involved = new Set<string>();
    for (const r of [...mandates, ...presence, ...instruments]) involved.add(r.actorId);
    for (const h of actorHierarchy) involved.add(h.fromId).add(h.toId);
    const links = await rows(tx, q.links, { ...base, actorIds: narrowed && !allLinks ? [...involved] : null }, ROW_KEYS.links);
    for (const l of links) involved.add(l.fromId).add(l.toId);
    for (const m of memberships) {
      involved.add(m.orgId);
      for (const member of m.members) if (member.current) involved.add(member.stateId);
    }
    const actors = (await rows(tx, q.actors, { ...base, ids: [...involved] }, ROW_KEYS.actors)).map((r) => toActorNode(r.node));
    return { threats, regions, mandates, presence, instruments, links, actorHierarchy, memberships, actors };
  }, timeoutMs);
}

/** Actors as graph nodes, only those the caller may see. */
export async function loadActors(db: Database, caller: Caller, ids: string[], timeoutMs?: number): Promise<GraphNode[]> {
  const result = await db.read(q.actors, { ids, allowed: caller.allowed }, timeoutMs);
  return result.records.map((r) => toActorNode(toPlain(r.get('node')) as GraphNode));
}

const toActorNode = (node: GraphNode): GraphNode => ({ ...node, acronym: node.acronym ?? null, kind: node.kind ?? null });

/** Resolves the sources of facts: each relationship's sourceIds[i] with quotes[i], hidden sources dropped. */
export async function citeFacts(db: Database, caller: Caller, facts: RawFact[], timeoutMs?: number): Promise<Map<RawFact, Fact>> {
  const ids = new Set<string>();
  for (const f of facts) for (const r of f.rels) for (const id of r.sourceIds ?? []) ids.add(id);
  const result = await db.read(q.sources, { ids: [...ids], allowed: caller.allowed }, timeoutMs);
  const titles = new Map(result.records.map((r) => [r.get('id') as string, r.get('title') as string]));
  const cited = new Map<RawFact, Fact>();
  for (const f of facts) {
    const seen = new Set<string>();
    const sources: SourceCitation[] = [];
    for (const r of f.rels) {
      (r.sourceIds ?? []).forEach((id, i) => {
        const title = titles.get(id);
        const quote = r.quotes?.[i] || null;
        const key = `${id}|${quote}`;
        if (title === undefined || seen.has(key)) return;
        seen.add(key);
        sources.push({ id, title, quote });
      });
    }
    cited.set(f, { text: f.text, relationshipIds: [...new Set(f.rels.map((r) => r.id))], path: f.path, sources });
  }
  return cited;
}

/** 404 naming the id when the threat or region is unknown or hidden from the caller. */
export function requireKnown(fb: FactBase, threat: string | undefined, region: string | undefined): void {
  if (threat !== undefined && !fb.threatNames.has(threat)) throw AppError.notFound('Threat', threat);
  if (region !== undefined && !fb.regions.has(region)) throw AppError.notFound('Region', region);
}
