import type { GraphNode } from '../graph/model.js';

/** A relationship as the fact queries return it: its id and its parallel source ids and quotes. */
export interface RelRef {
  id: string;
  sourceIds?: string[] | null;
  quotes?: string[] | null;
}

export interface SourceCitation {
  id: string;
  title: string;
  quote: string | null;
}

/** One graph fact behind a score, with the relationships and nodes it rests on. */
export interface Fact {
  text: string;
  relationshipIds: string[];
  path: string[];
  sources: SourceCitation[];
}

/** A fact before its sources are resolved (the relationships still carry source ids and quotes). */
export interface RawFact {
  readonly text: string;
  readonly rels: RelRef[];
  readonly path: string[];
  /** A global remit shown beside presence (it scores nothing and gives way to field presence). */
  readonly remit?: boolean;
}

type Lazy<T> = T | (() => T);

/**
 * A fact whose sentence, relationships and path are built when first read. A coverage grid or a
 * gap count positions every candidate of every cell and reads none of their facts; building them
 * eagerly was a quarter of a country grid's time (and most of its garbage).
 */
class LazyFact implements RawFact {
  #text: Lazy<string>;
  #rels: Lazy<RelRef[]>;
  #path: Lazy<string[]>;
  readonly remit?: boolean;

  constructor(text: Lazy<string>, rels: Lazy<RelRef[]>, path: Lazy<string[]>, remit?: boolean) {
    this.#text = text;
    this.#rels = rels;
    this.#path = path;
    if (remit) this.remit = true;
  }

  get text(): string {
    if (typeof this.#text === 'function') this.#text = this.#text();
    return this.#text;
  }

  get rels(): RelRef[] {
    if (typeof this.#rels === 'function') this.#rels = this.#rels();
    return this.#rels;
  }

  get path(): string[] {
    if (typeof this.#path === 'function') this.#path = this.#path();
    return this.#path;
  }
}

/** A fact (RawFact) whose parts may be given as functions, called once when first read. */
export const fact = (text: Lazy<string>, rels: Lazy<RelRef[]>, path: Lazy<string[]>, { remit = false } = {}): RawFact =>
  new LazyFact(text, rels, path, remit);

/** Organizations whose presence follows their member states (positioning.ts). */
export const MEMBERSHIP_ORG_KINDS = ['regional-organization', 'subregional-organization'];

/** A component keeps its identity (ECOWAS in APSA): nothing is inherited, grouped or coordinated through it. */
export const isOrgan = (h: { type: string; partKind?: string | null }): boolean => h.type === 'PART_OF' && h.partKind !== 'component';

/** National institutions and local actors are at home in their country: presence alone does not make them a responder to a threat there. */
export const AT_HOME_KINDS: ReadonlySet<string> = new Set(['national-institution', 'local-actors']);

export const PARTS = ['mandate', 'presence', 'instruments', 'dataFeeds', 'ties'] as const;
export type PartName = (typeof PARTS)[number];
export type Weights = Record<PartName, number>;

export interface Part<F = Fact> {
  score: number;
  weight: number;
  contribution: number;
  inherited?: boolean;
  facts: F[];
}

/**
 * How an actor is in a region. field: operating in it, a part of it, or a containing (sub-)region
 * it reaches; members: only through its member states there; global: only a presence at world
 * level (a remit, not a presence on the ground: it never makes an actor positioned); none.
 */
export type PresenceTier = 'field' | 'members' | 'global' | 'none';

export interface Responder<F = Fact> {
  rank: number;
  actor: GraphNode;
  score: number;
  /** Mandate and field or member presence (SCORING.md): positioned actors rank first. */
  positioned: boolean;
  presenceTier: PresenceTier;
  breakdown: Record<PartName, Part<F>>;
  lacks: string[];
  /** The organization's organs that are also in the answer, ranked, each with its own breakdown. */
  organs?: Responder<F>[];
  /** With organs: the best score in the family, which places the row. */
  familyScore?: number;
}

export interface Named {
  id: string;
  name: string;
}

// ---- rows of the fact queries (cypher/queries/responders/*.cypher) ----

export interface HierarchyRow {
  id: string;
  name: string;
  kind?: string | null;
  parents: string[];
}

export interface MandateRow {
  actorId: string;
  relation: 'HAS_MANDATE' | 'LACKS_MANDATE';
  mandate: Named;
  threatId: string;
  regionId: string;
  /** 'membership': applies only where the holder's members are on the date asked; else (absent, 'stated') where APPLIES_IN says. */
  reach?: string | null;
  rels: RelRef[];
}

export interface PresenceRow {
  actorId: string;
  actorKind: string;
  relation: 'OPERATES_IN' | 'CONSTRAINED_IN';
  reason: string | null;
  regionId: string;
  rel: RelRef;
}

export interface Member {
  stateId: string;
  rel: RelRef;
  validFrom: string | null;
  validTo: string | null;
  /** The membership (and the state) holds on the date asked. */
  current: boolean;
  /** Countries the state operates in. */
  regionIds: string[];
}

/** An organization's member list: `listed` counts every visible membership whatever its dates; `members` may be narrowed to a question's regions. */
export interface MembershipRow {
  orgId: string;
  listed: number;
  members: Member[];
}

export interface InstrumentRow {
  actorId: string;
  relation: 'PARTICIPATES_IN' | 'PARTY_TO';
  role: string | null;
  instrument: Named & { label: 'Initiative' | 'Agreement' };
  threatId: string;
  rels: RelRef[];
  spans: Array<{ regionId: string; rel: RelRef }>;
}

export interface LinkRow {
  fromId: string;
  toId: string;
  type: string;
  /** PART_OF: 'organ' (answerable to the whole; absent counts as organ) or 'component' (keeps its identity). */
  partKind?: string | null;
  frequency: string | null;
  via: Named | null;
  rels: RelRef[];
}

export interface ActorHierarchyRow {
  fromId: string;
  toId: string;
  type: 'PART_OF' | 'MEMBER_OF';
  partKind?: string | null;
  rel: RelRef;
}

/** Everything the positioning needs, loaded once per request (for one question or for all of them). */
export interface FactRows {
  threats: HierarchyRow[];
  regions: HierarchyRow[];
  mandates: MandateRow[];
  presence: PresenceRow[];
  instruments: InstrumentRow[];
  links: LinkRow[];
  actorHierarchy: ActorHierarchyRow[];
  memberships: MembershipRow[];
  actors: GraphNode[];
}
