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

/** What the checker reads of the nodes (a Map will do): each by id, and all of them once, in order. */
export interface KnownNodes {
  get(id: string): KnownNode | undefined;
  [Symbol.iterator](): Iterator<[string, KnownNode]>;
}

interface Tokens {
  lower: string[];
  original: string[];
}

const APOSTROPHES = /[’‘`]/g;
const SEPARATORS = /[^\p{L}\p{N}']+/u;

/** The words of a text: its original spelling (for acronyms) and in lower case. */
function tokenize(text: string): Tokens {
  const original: string[] = [];
  const lower: string[] = [];
  for (let token of text.normalize('NFKC').replace(APOSTROPHES, "'").split(SEPARATORS)) {
    if (token.includes("'")) token = token.replace(/^'+|'+$/g, '').replace(/'s$/i, '');
    if (token.length === 0) continue;
    original.push(token);
    lower.push(token.toLowerCase());
  }
  return { original, lower };
}

const isAcronym = (token: string) => token.length <= 6 && token === token.toUpperCase() && /\p{Lu}/u.test(token);

/** Lengths of names (in words) a first word's mask holds one bit each for; longer ones share the last bit. */
const MASK_BITS = 30;

/**
 * Finds which of a set of nodes a text names, by the whole name's words (lower case) at each place
 * in the text. Each name is one entry: its words joined (the key), the node (a number), and its
 * original words only when one of them is an acronym (matched case-sensitively); names that share
 * a key (every "Mandate on …") cost one look-up, not a comparison each. A text's word is looked
 * up among the names' first words before any key is built, so a text naming nothing costs one
 * look-up per word.
 */
class NameIndex {
  /** Key → the name's number (its order of addition), or the numbers of the names sharing it, in that order. */
  private readonly byWords = new Map<string, number | number[]>();
  /** First word → one bit per length (in words) of the names starting with it. */
  private readonly firstWords = new Map<string, number>();
  private readonly longLengths = new Set<number>();
  private readonly owner: number[] = [];
  private readonly cased: (string[] | undefined)[] = [];

  add(node: number, names: Iterable<unknown>): void {
    for (const name of names) {
      if (typeof name !== 'string') continue;
      const tokens = tokenize(name);
      const first = tokens.lower[0];
      const length = tokens.lower.length;
      // One short lower-case word (e.g. "Forum") is too common to count as naming anything.
      if (first === undefined || (length === 1 && !isAcronym(tokens.original[0] as string) && first.length < 6)) continue;
      const key = tokens.lower.join(' ');
      const seq = this.owner.length;
      this.owner.push(node);
      this.cased.push(tokens.original.some(isAcronym) ? tokens.original : undefined);
      const there = this.byWords.get(key);
      if (there === undefined) this.byWords.set(key, seq);
      else if (typeof there === 'number') this.byWords.set(key, [there, seq]);
      else there.push(seq);
      const bit = length <= MASK_BITS ? 1 << (length - 1) : 1 << MASK_BITS;
      if (length > MASK_BITS) this.longLengths.add(length);
      this.firstWords.set(first, (this.firstWords.get(first) ?? 0) | bit);
    }
  }

  /** The nodes the text names, in the order of the places they are named at (then of addition). */
  named(text: Tokens): Set<number> {
    const found = new Set<number>();
    const words = text.lower;
    for (let i = 0; i < words.length; i++) {
      const mask = this.firstWords.get(words[i] as string);
      if (mask === undefined) continue;
      const here: number[] = [];
      for (let bit = 0; bit < MASK_BITS; bit++) if (mask & (1 << bit)) this.collect(text, i, bit + 1, here);
      if (mask & (1 << MASK_BITS)) for (const length of this.longLengths) this.collect(text, i, length, here);
      if (here.length > 1) here.sort((a, b) => a - b);
      for (const seq of here) found.add(this.owner[seq] as number);
    }
    return found;
  }

  private collect(text: Tokens, at: number, length: number, into: number[]): void {
    if (at + length > text.lower.length) return;
    const there = this.byWords.get(length === 1 ? (text.lower[at] as string) : text.lower.slice(at, at + length).join(' '));
    if (there === undefined) return;
    for (const seq of typeof there === 'number' ? [there] : there) {
      const cased = this.cased[seq];
      if (!cased || cased.every((word, k) => !isAcronym(word) || text.original[at + k] === word)) into.push(seq);
    }
  }
}

const QUOTE_MIN_WORDS = 6;
const SHINGLE = 4;

/** Finds which facts' quotes a text contains, by the first four words of each quote. */
class QuoteIndex {
  /** First four words → the facts citing a quote starting so, each with the quote's words joined. */
  private readonly byShingle = new Map<string, Array<{ fact: number; words: string; length: number }>>();
  private readonly firstWords = new Set<string>();

  add(fact: number, quotes: unknown): void {
    if (!Array.isArray(quotes)) return;
    for (const quote of quotes) {
      if (typeof quote !== 'string') continue;
      const words = tokenize(quote).lower;
      if (words.length < QUOTE_MIN_WORDS) continue;
      const key = words.slice(0, SHINGLE).join(' ');
      const list = this.byShingle.get(key) ?? [];
      list.push({ fact, words: words.join(' '), length: words.length });
      this.byShingle.set(key, list);
      this.firstWords.add(words[0] as string);
    }
  }

  containedIn(text: Tokens): Set<number> {
    const found = new Set<number>();
    if (this.byShingle.size === 0) return found;
    const words = text.lower;
    for (let i = 0; i + SHINGLE <= words.length; i++) {
      if (!this.firstWords.has(words[i] as string)) continue;
      for (const q of this.byShingle.get(words.slice(i, i + SHINGLE).join(' ')) ?? []) {
        if (i + q.length <= words.length && words.slice(i, i + q.length).join(' ') === q.words) found.add(q.fact);
      }
    }
    return found;
  }
}

/** Whether a quote is long enough (six words) to be the evidence a text can repeat. */
export function isCitableQuote(quote: unknown): quote is string {
  return typeof quote === 'string' && tokenize(quote).lower.length >= QUOTE_MIN_WORDS;
}

const rankOf = (value: unknown): number => {
  const rank = sensitivityRank(value as Sensitivity);
  return Math.max(rank, 0);
};

/** The names a node is known by: name, acronym, title and aliases (what a text may name it by). */
export function namesOf(properties: Record<string, unknown>): string[] {
  const aliases = Array.isArray(properties.aliases) ? properties.aliases : [];
  return [properties.name, properties.acronym, properties.title, ...aliases].filter((x): x is string => typeof x === 'string');
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

/** Pair of node numbers as one number (order-free). */
const PAIR_BASE = 2 ** 26;
const pairOf = (a: number, b: number) => (a < b ? a * PAIR_BASE + b : b * PAIR_BASE + a);

/**
 * The restricted facts and the names of the nodes they involve, indexed once; then `check` tells
 * which texts of an element state a fact above the element's level. Built from a whole graph by
 * findTextLeaks, or from what an importer kept of its rows (the nodes above CLEAR and the ends of
 * the relationships above CLEAR: nodes not given count as CLEAR and unnamed).
 *
 * Held per node above CLEAR: its rank; per node that matters (above CLEAR, or an end of a fact): a
 * number, its display name and one entry per name in the index; per fact: its rank, type, ends
 * (numbers), word pattern (shared) and one entry per pair. Messages are made when a leak is found.
 */
export class TextLeakChecker {
  private readonly quotes = new QuoteIndex();
  private readonly names = new NameIndex();
  /** Nodes above CLEAR: their rank (any other node is CLEAR). */
  private readonly nodeRank = new Map<string, number>();
  /** Nodes that matter (named in the index, or an end of a fact) → their number. */
  private readonly number = new Map<string, number>();
  /** By node number: its id, and its first name (or its id). */
  private readonly idOf: string[] = [];
  private readonly shownAs: string[] = [];
  private readonly factRank: number[] = [];
  private readonly factType: string[] = [];
  private readonly factFrom: number[] = [];
  private readonly factTo: number[] = [];
  private readonly factWords: (RegExp | undefined)[] = [];
  /** Pair of node numbers → the facts between them (a number, or numbers in order of the facts). */
  private readonly factsByPair = new Map<number, number | number[]>();

  /**
   * `nodes`: the sensitivity and names of every node the relationships may refer to (nodes not
   * listed count as CLEAR and unnamed); `relationships`: all of them or only those above CLEAR.
   */
  constructor(nodes: KnownNodes, relationships: Iterable<CheckedRelationship>) {
    const nameOnce = (id: string) => {
      const known = this.number.get(id);
      if (known !== undefined) return known;
      const n = this.idOf.length;
      this.number.set(id, n);
      this.idOf.push(id);
      this.shownAs.push(nodes.get(id)?.names[0] ?? id);
      return n;
    };
    for (const [id, k] of nodes) {
      const rank = rankOf(k.sensitivity);
      if (rank === 0) continue;
      this.nodeRank.set(id, rank);
      nameOnce(id);
    }
    for (const r of relationships) {
      const rank = this.relationshipRank(r);
      if (rank === 0) continue;
      const fact = this.factRank.length;
      const from = nameOnce(r.from);
      const to = nameOnce(r.to);
      this.factRank.push(rank);
      this.factType.push(r.type);
      this.factFrom.push(from);
      this.factTo.push(to);
      this.factWords.push(statingWords(r.type, r.properties));
      this.quotes.add(fact, r.properties.quotes);
      const pair = pairOf(from, to);
      const there = this.factsByPair.get(pair);
      if (there === undefined) this.factsByPair.set(pair, fact);
      else if (typeof there === 'number') this.factsByPair.set(pair, [there, fact]);
      else there.push(fact);
    }
    // Names in the order the nodes came (above CLEAR, then the ends of each fact): a text naming
    // several at one place reports them in that order.
    for (const [n, id] of this.idOf.entries()) this.names.add(n, nodes.get(id)?.names ?? []);
  }

  /** Whether anything is restricted at all (if not, no text can leak). */
  get active(): boolean {
    return this.factRank.length > 0 || this.nodeRank.size > 0;
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
    const ownTokens = typeof properties.name === 'string' ? tokenize(properties.name) : null;
    const ownName = ownTokens ? this.names.named(ownTokens) : new Set<number>();
    const ownerNumbers: number[] = [];
    for (const id of owners) {
      const n = this.number.get(id);
      if (n !== undefined) ownerNumbers.push(n);
    }
    const implied = [...new Set([...ownerNumbers, ...ownName])];
    const leaks: FieldLeak[] = [];
    for (const [field, text] of texts(properties)) {
      const tokens = field === 'name' && ownTokens ? ownTokens : tokenize(text);
      const message = this.statedFact(tokens, text, rank, implied, ownerNumbers);
      if (message) leaks.push({ field, message });
    }
    return leaks;
  }

  private statedFact(tokens: Tokens, text: string, rank: number, implied: number[], owners: number[]): string | null {
    for (const f of this.quotes.containedIn(tokens)) {
      const factRank = this.factRank[f] as number;
      if (factRank > rank) return `quotes the evidence of a ${levelName(factRank)} fact (${this.factLabel(f)}) at a lower level`;
    }
    const named = this.names.named(tokens);
    for (const n of named) {
      const r = this.nodeRank.get(this.idOf[n] as string) ?? 0;
      if (r > rank && !owners.includes(n)) return `names ${this.shownAs[n]}, which is ${levelName(r)}, at a lower level`;
    }
    if (this.factsByPair.size === 0) return null;
    // Named first, then implied (each once); with nothing named, the element's own (made once per element).
    const mentioned = named.size === 0 ? implied : [...new Set([...named, ...implied])];
    for (let i = 0; i < mentioned.length; i++) {
      for (let j = i + 1; j < mentioned.length; j++) {
        const there = this.factsByPair.get(pairOf(mentioned[i] as number, mentioned[j] as number));
        if (there === undefined) continue;
        for (const f of typeof there === 'number' ? [there] : there) {
          const factRank = this.factRank[f] as number;
          const words = this.factWords[f];
          if (factRank > rank && (!words || words.test(text))) {
            return `states a ${levelName(factRank)} fact (${this.factLabel(f)}) at a lower level`;
          }
        }
      }
    }
    return null;
  }

  private factLabel(f: number): string {
    return `${this.factType[f]} from ${this.shownAs[this.factFrom[f] as number]} to ${this.shownAs[this.factTo[f] as number]}`;
  }
}

/** The sensitivity and names of each node, as the checker needs them. */
export function knownNodes(nodes: Iterable<CheckedNode>): Map<string, KnownNode> {
  const known = new Map<string, KnownNode>();
  for (const n of nodes) {
    const names = namesOf(n.properties);
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
