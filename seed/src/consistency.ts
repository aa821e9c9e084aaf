/**
 * No contradiction at any clearance: a text visible at a level must not state a fact held at a
 * higher level (otherwise the text leaks what the sensitivity protects, and the answers computed
 * without the fact contradict the text shown beside them).
 *
 * The rule. A "restricted fact" is a relationship or node above CLEAR. A text field (name,
 * acronym, aliases, description, quotes and the other free-text fields) belongs to an element
 * visible to a lower clearance than the fact (a relationship is visible at the highest level of
 * itself and its two ends). That text states the fact when:
 *  1. it contains a quote the fact cites (of 6+ words): a quote is the declared evidence of the
 *     fact it is attached to, so showing it states the fact; or
 *  2. it names both ends of the fact (the element owning the text counts as named, as do the ends
 *     of a relationship owning a quote and whatever the owner's own name names) and a word of the
 *     fact's verb phrase (STATING_WORDS; types with none listed need the ends only); or
 *  3. it names a restricted node (name, acronym or alias).
 * Names match whole words; acronyms (all capitals) match case-sensitively. Matching is indexed
 * (the words of each name, the first four words of each quote), so a check is linear in the text.
 */
import { type NodeLabel, type RelType, SENSITIVITY, type Sensitivity, sensitivityRank } from './schema.js';

/** Free-text fields of nodes and relationships: what a reader sees and may read a fact in. */
export const TEXT_FIELDS = [
  'name',
  'acronym',
  'aliases',
  'description',
  'quotes',
  'title',
  'legalBasis',
  'remark',
  'content',
  'reason',
  'status',
] as const;

const DATA = /\b(data|analys[ie]s|feeds?|inputs?|suppl(?:y|ies|ied|ier)|provides?|provided|providing|shares?|shared)\b/i;
const FUNDING = /\b(fund\w*|financ\w*|grants?|donor\w*)\b/i;

/** Words that state a relationship of each type (besides naming its ends). */
export const STATING_WORDS: Partial<Record<RelType, RegExp>> = {
  MEMBER_OF: /\b(members?|membership|joined|belongs?)\b/i,
  PART_OF: /\b(part of|organs?|within|belongs?|under)\b/i,
  PARTY_TO: /\b(part(?:y|ies)|signed|signator\w*|memorand\w*|mous?|agreements?)\b/i,
  FUNDS: FUNDING,
  PROVIDES_DATA_TO: DATA,
  DIALOGUE_WITH: /\b(dialogues?|consult\w*|meet\w*|talks?)\b/i,
  SUPPORTS: /\b(support\w*|assist\w*|advis\w*|help\w*)\b/i,
  OPERATES_IN: /\b(present|presence|operat\w*|offices?|works?|working|deployed|active)\b/i,
  CONSTRAINED_IN: /\b(constrain\w*|limit\w*|difficult\w*|unable|prevent\w*)\b/i,
  HAS_MANDATE: /\bmandate\w*\b/i,
  LACKS_MANDATE: /\bmandate\w*\b/i,
  ESTABLISHED: /\b(establish\w*|created|founded|set up)\b/i,
  SUCCEEDED_BY: /\b(succeed\w*|successor|replaced|integrat\w*|former)\b/i,
  PARTICIPATES_IN: /\b(participat\w*|lead\w*|led|implement\w*|partners?|convene\w*|design\w*|support\w*|role)\b/i,
};

/** PARTICIPATES_IN is stated by the words of its role when the role is a data feed or funding. */
function statingWords(type: RelType, properties: Record<string, unknown>): RegExp | undefined {
  if (type === 'PARTICIPATES_IN' && properties.role === 'data-provider') return DATA;
  if (type === 'PARTICIPATES_IN' && properties.role === 'funder') return FUNDING;
  return STATING_WORDS[type];
}

export interface CheckedNode {
  label: NodeLabel;
  id: string;
  properties: Record<string, unknown>;
}

export interface CheckedRelationship {
  type: RelType;
  from: string;
  to: string;
  properties: Record<string, unknown>;
}

/** Where a problem is: the element (node id, or the relationship's position in the list) and the field. */
export interface TextLeak {
  element: { kind: 'node'; id: string } | { kind: 'relationship'; index: number };
  /** e.g. 'description', 'quotes.0', 'aliases.1'. */
  field: string;
  message: string;
}

/** Names and sensitivity of a node the graph under check refers to but does not hold (in the database). */
export interface KnownNode {
  names: string[];
  sensitivity: Sensitivity;
}

interface Fact {
  label: string;
  rank: number;
  words: RegExp | undefined;
}

interface Tokens {
  lower: string[];
  original: string[];
}

function tokenize(text: string): Tokens {
  const original = text
    .normalize('NFKC')
    .replace(/[’‘`]/g, "'")
    .split(/[^\p{L}\p{N}']+/u)
    .map((t) => t.replace(/^'+|'+$/g, '').replace(/'s$/i, ''))
    .filter((t) => t.length > 0);
  return { original, lower: original.map((t) => t.toLowerCase()) };
}

const isAcronym = (token: string) => token.length <= 6 && token === token.toUpperCase() && /\p{Lu}/u.test(token);

interface NamePattern {
  id: string;
  tokens: Tokens;
  /** Order of addition: names found at one place in a text are reported in this order. */
  seq: number;
}

/**
 * Finds which of a set of nodes a text names, by the whole name's words (lower case) at each place
 * in the text, for each length of name held: names that share a first word (every "Mandate on …")
 * cost one look-up each, not a comparison with every one of them.
 */
class NameIndex {
  private readonly byWords = new Map<string, NamePattern[]>();
  private readonly lengths = new Set<number>();
  private added = 0;

  add(id: string, names: Iterable<unknown>): void {
    for (const name of names) {
      if (typeof name !== 'string') continue;
      const tokens = tokenize(name);
      const first = tokens.lower[0];
      // One short lower-case word (e.g. "Forum") is too common to count as naming anything.
      if (first === undefined || (tokens.lower.length === 1 && !isAcronym(tokens.original[0] as string) && first.length < 6)) continue;
      const key = tokens.lower.join(' ');
      const list = this.byWords.get(key) ?? [];
      list.push({ id, tokens, seq: this.added++ });
      this.byWords.set(key, list);
      this.lengths.add(tokens.lower.length);
    }
  }

  named(text: Tokens): Set<string> {
    const found = new Set<string>();
    for (let i = 0; i < text.lower.length; i++) {
      const here: NamePattern[] = [];
      for (const length of this.lengths) {
        if (i + length > text.lower.length) continue;
        for (const p of this.byWords.get(text.lower.slice(i, i + length).join(' ')) ?? []) if (matchesAt(text, i, p.tokens)) here.push(p);
      }
      if (here.length > 1) here.sort((a, b) => a.seq - b.seq);
      for (const p of here) found.add(p.id);
    }
    return found;
  }
}

function matchesAt(text: Tokens, at: number, name: Tokens): boolean {
  return name.lower.every((word, k) => {
    const original = name.original[k] as string;
    return isAcronym(original) ? text.original[at + k] === original : text.lower[at + k] === word;
  });
}

const QUOTE_MIN_WORDS = 6;
const SHINGLE = 4;

/** Finds which facts' quotes a text contains, by the first four words of each quote. */
class QuoteIndex {
  private readonly byShingle = new Map<string, Array<{ fact: number; words: string[] }>>();

  add(fact: number, quotes: unknown): void {
    if (!Array.isArray(quotes)) return;
    for (const quote of quotes) {
      if (typeof quote !== 'string') continue;
      const words = tokenize(quote).lower;
      if (words.length < QUOTE_MIN_WORDS) continue;
      const key = words.slice(0, SHINGLE).join(' ');
      const list = this.byShingle.get(key) ?? [];
      list.push({ fact, words });
      this.byShingle.set(key, list);
    }
  }

  containedIn(text: Tokens): Set<number> {
    const found = new Set<number>();
    for (let i = 0; i + SHINGLE <= text.lower.length; i++) {
      for (const q of this.byShingle.get(text.lower.slice(i, i + SHINGLE).join(' ')) ?? []) {
        if (q.words.every((w, k) => text.lower[i + k] === w)) found.add(q.fact);
      }
    }
    return found;
  }
}

const rankOf = (value: unknown): number => {
  const rank = sensitivityRank(value as Sensitivity);
  return Math.max(rank, 0);
};

function namesOf(properties: Record<string, unknown>): unknown[] {
  const aliases = Array.isArray(properties.aliases) ? properties.aliases : [];
  return [properties.name, properties.acronym, properties.title, ...aliases];
}

/** Every text of an element with its field path. */
function* texts(properties: Record<string, unknown>): Generator<[string, string]> {
  for (const field of TEXT_FIELDS) {
    const value = properties[field];
    if (typeof value === 'string') yield [field, value];
    else if (Array.isArray(value)) {
      for (const [i, item] of value.entries()) if (typeof item === 'string' && item !== '') yield [`${field}.${i}`, item];
    }
  }
}

/** One text problem of one element, without saying where the element is (the caller knows). */
export interface FieldLeak {
  field: string;
  message: string;
}

/**
 * The restricted facts and the names of the nodes they involve, indexed once; then `check` tells
 * which texts of an element state a fact above the element's level. Built from a whole graph by
 * findTextLeaks, or piece by piece by an importer that streams its rows.
 */
export class TextLeakChecker {
  private readonly facts: Fact[] = [];
  private readonly quotes = new QuoteIndex();
  private readonly factsByPair = new Map<string, number[]>();
  private readonly names = new NameIndex();
  private readonly nodeRank = new Map<string, number>();
  private readonly nameOf = new Map<string, string>();

  /**
   * `nodes`: the sensitivity and names of every node the relationships may refer to (nodes not
   * listed count as CLEAR and unnamed); `relationships`: all of them or only those above CLEAR.
   */
  constructor(nodes: ReadonlyMap<string, KnownNode>, relationships: Iterable<CheckedRelationship>) {
    for (const [id, k] of nodes) {
      this.nodeRank.set(id, rankOf(k.sensitivity));
      this.nameOf.set(id, k.names[0] ?? id);
    }
    const relevant = new Set([...this.nodeRank].filter(([, rank]) => rank > 0).map(([id]) => id));
    for (const r of relationships) {
      const rank = this.relationshipRank(r);
      if (rank === 0) continue;
      const index = this.facts.length;
      const name = (id: string) => this.nameOf.get(id) ?? id;
      this.facts.push({ label: `${r.type} from ${name(r.from)} to ${name(r.to)}`, rank, words: statingWords(r.type, r.properties) });
      this.quotes.add(index, r.properties.quotes);
      const key = pairKey(r.from, r.to);
      this.factsByPair.set(key, [...(this.factsByPair.get(key) ?? []), index]);
      relevant.add(r.from);
      relevant.add(r.to);
    }
    for (const id of relevant) this.names.add(id, nodes.get(id)?.names ?? []);
  }

  /** Whether anything is restricted at all (if not, no text can leak). */
  get active(): boolean {
    return this.facts.length > 0 || [...this.nodeRank.values()].some((rank) => rank > 0);
  }

  /** A relationship is visible at the highest level of itself and its two ends. */
  relationshipRank(r: CheckedRelationship): number {
    return Math.max(rankOf(r.properties.sensitivity), this.nodeRank.get(r.from) ?? 0, this.nodeRank.get(r.to) ?? 0);
  }

  nodeLevel(id: string): number {
    return this.nodeRank.get(id) ?? 0;
  }

  /** The texts of one element (visible at `rank`; `owners` are what it speaks of: itself, or a relationship's ends). */
  check(rank: number, owners: string[], properties: Record<string, unknown>): FieldLeak[] {
    if (!this.active) return [];
    const ownName = typeof properties.name === 'string' ? this.names.named(tokenize(properties.name)) : new Set<string>();
    const implied = new Set([...owners, ...ownName]);
    const leaks: FieldLeak[] = [];
    for (const [field, text] of texts(properties)) {
      const message = this.statedFact(tokenize(text), text, rank, implied, owners);
      if (message) leaks.push({ field, message });
    }
    return leaks;
  }

  private statedFact(tokens: Tokens, text: string, rank: number, implied: Set<string>, owners: string[]): string | null {
    for (const f of this.quotes.containedIn(tokens)) {
      const fact = this.facts[f] as Fact;
      if (fact.rank > rank) return `quotes the evidence of a ${levelName(fact.rank)} fact (${fact.label}) at a lower level`;
    }
    const named = this.names.named(tokens);
    for (const id of named) {
      const r = this.nodeRank.get(id) ?? 0;
      if (r > rank && !owners.includes(id)) return `names ${this.nameOf.get(id) ?? id}, which is ${levelName(r)}, at a lower level`;
    }
    const mentioned = [...new Set([...named, ...implied])];
    for (let i = 0; i < mentioned.length; i++) {
      for (let j = i + 1; j < mentioned.length; j++) {
        for (const f of this.factsByPair.get(pairKey(mentioned[i] as string, mentioned[j] as string)) ?? []) {
          const fact = this.facts[f] as Fact;
          if (fact.rank > rank && (!fact.words || fact.words.test(text))) {
            return `states a ${levelName(fact.rank)} fact (${fact.label}) at a lower level`;
          }
        }
      }
    }
    return null;
  }
}

const pairKey = (a: string, b: string) => (a < b ? `${a}\n${b}` : `${b}\n${a}`);

/** The sensitivity and names of each node, as the checker needs them. */
export function knownNodes(nodes: Iterable<CheckedNode>): Map<string, KnownNode> {
  const known = new Map<string, KnownNode>();
  for (const n of nodes) {
    const names = namesOf(n.properties).filter((x): x is string => typeof x === 'string');
    known.set(n.id, { names, sensitivity: n.properties.sensitivity as Sensitivity });
  }
  return known;
}

/** Every text in a graph that states a fact held at a higher level than the text. */
export function findTextLeaks(graph: { nodes: CheckedNode[]; relationships: CheckedRelationship[] }): TextLeak[] {
  const checker = new TextLeakChecker(knownNodes(graph.nodes), graph.relationships);
  if (!checker.active) return [];
  const leaks: TextLeak[] = [];
  for (const n of graph.nodes) {
    for (const leak of checker.check(checker.nodeLevel(n.id), [n.id], n.properties))
      leaks.push({ element: { kind: 'node', id: n.id }, ...leak });
  }
  graph.relationships.forEach((r, index) => {
    for (const leak of checker.check(checker.relationshipRank(r), [r.from, r.to], r.properties)) {
      leaks.push({ element: { kind: 'relationship', index }, ...leak });
    }
  });
  return leaks;
}

const levelName = (rank: number): string => SENSITIVITY[rank] ?? 'restricted';
