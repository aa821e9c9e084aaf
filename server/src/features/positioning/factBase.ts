import type { GraphNode } from '../graph/model.js';
import { buildTree, type Family, familyOf, type Tree } from './hierarchy.js';
import type { ActorHierarchyRow, FactRows, InstrumentRow, LinkRow, MandateRow, MembershipRow, PresenceRow } from './model.js';

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

function addTo<K, V>(map: Map<K, Set<V>>, key: K, value: V): void {
  const set = map.get(key);
  if (set) set.add(value);
  else map.set(key, new Set([value]));
}

/**
 * The rows of the fact queries indexed for the positioning: by actor, and by the region or threat
 * they touch, so that one load serves one question (responders) or every cell of a grid (coverage).
 */
export class FactBase {
  readonly threatTree: Tree;
  readonly regionTree: Tree;
  readonly threatNames = new Map<string, string>();
  readonly regions = new Map<string, { name: string; kind: string | null }>();
  readonly actors = new Map<string, GraphNode>();
  readonly mandatesByActor = new Map<string, MandateRow[]>();
  readonly presenceByActor = new Map<string, PresenceRow[]>();
  /** Member lists of the organizations that have one (their reach follows their members on the date asked). */
  readonly membershipsByOrg = new Map<string, MembershipRow>();
  readonly instrumentsByActor = new Map<string, InstrumentRow[]>();
  readonly linksByActor = new Map<string, LinkRow[]>();
  readonly hierarchyUp = new Map<string, ActorHierarchyRow[]>();
  readonly hierarchyDown = new Map<string, ActorHierarchyRow[]>();
  /** Which actors have a mandate, presence or initiative fact at a region (agreements have none). */
  readonly actorsByRegion = new Map<string, Set<string>>();
  /** Which actors take part in an initiative spanning a region (a quick no for most candidates of a grid cell). */
  readonly initiativeActorsByRegion = new Map<string, Set<string>>();
  private readonly families = new Map<string, Family>();
  private readonly memos = new Map<string, Map<string | number, Map<string, unknown>>>();

  constructor(readonly rows: FactRows) {
    this.threatTree = buildTree(rows.threats);
    this.regionTree = buildTree(rows.regions);
    for (const t of rows.threats) this.threatNames.set(t.id, t.name);
    for (const r of rows.regions) this.regions.set(r.id, { name: r.name, kind: r.kind ?? null });
    for (const a of rows.actors) this.actors.set(a.id, a);
    for (const m of rows.mandates) {
      push(this.mandatesByActor, m.actorId, m);
      addTo(this.actorsByRegion, m.regionId, m.actorId);
    }
    for (const p of rows.presence) {
      push(this.presenceByActor, p.actorId, p);
      addTo(this.actorsByRegion, p.regionId, p.actorId);
    }
    for (const m of rows.memberships) {
      this.membershipsByOrg.set(m.orgId, m);
      for (const member of m.members) if (member.current) for (const r of member.regionIds) addTo(this.actorsByRegion, r, m.orgId);
    }
    for (const i of rows.instruments) {
      push(this.instrumentsByActor, i.actorId, i);
      for (const s of i.spans) {
        addTo(this.actorsByRegion, s.regionId, i.actorId);
        if (i.instrument.label === 'Initiative') addTo(this.initiativeActorsByRegion, s.regionId, i.actorId);
      }
    }
    for (const l of rows.links) {
      push(this.linksByActor, l.fromId, l);
      push(this.linksByActor, l.toId, l);
    }
    for (const h of rows.actorHierarchy) {
      push(this.hierarchyUp, h.fromId, h);
      push(this.hierarchyDown, h.toId, h);
    }
  }

  /**
   * Remembers results that depend only on the key (presence per actor and region, candidates per
   * region, relatives per actor), so a coverage grid computes each once instead of once per cell.
   * Keyed in three levels (what, within what, for which id) by the ids themselves: a grid looks
   * results up millions of times, and building a key string for each lookup cost more than
   * most of the results (a third of a subregion grid's time, with the garbage it left).
   */
  cached<T>(kind: string, scope: string | number, key: string, compute: () => T): T {
    const byKey = this.memo<T>(kind, scope);
    if (byKey.has(key)) return byKey.get(key) as T;
    const value = compute();
    byKey.set(key, value);
    return value;
  }

  /** The remembered results of one kind within one scope, for a loop that looks many of them up. */
  memo<T>(kind: string, scope: string | number): Map<string, T> {
    let byScope = this.memos.get(kind);
    if (!byScope) {
      byScope = new Map();
      this.memos.set(kind, byScope);
    }
    let byKey = byScope.get(scope);
    if (!byKey) {
      byKey = new Map();
      byScope.set(scope, byKey);
    }
    return byKey as Map<string, T>;
  }

  /** Actors named by other facts (gap rows) that the positioning facts did not mention. */
  addActors(nodes: GraphNode[]): void {
    for (const n of nodes) if (!this.actors.has(n.id)) this.actors.set(n.id, n);
    this.memos.clear();
  }

  threatFamily(id: string): Family {
    return this.family('t', this.threatTree, id);
  }

  regionFamily(id: string): Family {
    return this.family('r', this.regionTree, id);
  }

  private family(prefix: string, tree: Tree, id: string): Family {
    const key = `${prefix}:${id}`;
    let family = this.families.get(key);
    if (!family) {
      family = familyOf(tree, id);
      this.families.set(key, family);
    }
    return family;
  }

  /** How an answer names an actor: its acronym when it has one. */
  actorName(id: string): string {
    const actor = this.actors.get(id);
    return actor?.acronym || actor?.name || id;
  }

  threatName(id: string): string {
    return this.threatNames.get(id) ?? id;
  }

  regionName(id: string): string {
    return this.regions.get(id)?.name ?? id;
  }
}
