import {
  type CheckedRelationship,
  isCitableQuote,
  type KnownNode,
  type KnownNodes,
  type NodeLabel,
  namesOf,
  REL_TYPES,
  type RelType,
  SENSITIVITY,
  type Sensitivity,
  sensitivityRank,
  TextLeakChecker,
} from '@atlas/seed';
import type { FieldProblem } from '../../errors.js';
import { at, type Where } from './format.js';

/**
 * The import's text-consistency check (the rule is in seed/src/consistency.ts): no text of the
 * import visible at a level may state a fact of the import held at a higher level. Built to sit
 * in a two-pass streaming validation, holding what is restricted, not the file:
 *  - the first pass notes the nodes above CLEAR (level and names) and the relationships above
 *    CLEAR (type, ends, level, role, quotes long enough to cite); nothing of a CLEAR node;
 *  - then the names of the CLEAR nodes at the ends of those relationships (`namesNeeded`) are read
 *    again from the file's node rows (`noteNames`): only those matter, and a node's row may come
 *    before the relationship that makes it matter;
 *  - `prepare` builds the checker (seed's TextLeakChecker) and lets go of the notes; the second
 *    pass checks the texts of each row.
 * Ends that are only in the database count with their stored level; their names are not looked
 * up, so a text naming such an end by name is only caught when the text belongs to the end
 * itself or to a relationship touching it, or when a stored fact above CLEAR touches it: the
 * facts the database holds about those ends (`noteStoredFact`, read with textHolds.ts) count as
 * the import's own, with both ends' names, as the editing API counts the facts around a text.
 */
export class ImportTextCheck {
  /** Nodes above CLEAR, in file order: level and names as one string (no object and array per node). */
  private above = new Map<string, string>();
  /** Relationships above CLEAR (and CLEAR ones that may touch a node above it), by column: type (index in REL_TYPES), ends (numbers), level (rank). */
  private relType: number[] = [];
  private relFrom: number[] = [];
  private relTo: number[] = [];
  private relLevel: number[] = [];
  /** Only for the relationships that have them: role, and the quotes a text could repeat. */
  private relRole = new Map<number, unknown>();
  private relQuotes = new Map<number, string[]>();
  /** The ends of those relationships: id → number, and back (each id string held once). */
  private endNumber = new Map<string, number>();
  private endIds: string[] = [];
  /** Names of the CLEAR file nodes among those ends (read again after the first pass). */
  private endNames = new Map<string, string>();
  /** Nodes only in the database above CLEAR (added by prepare). */
  private dbAbove = new Map<string, string>();
  /** Level and names of the nodes only in the database at the ends of stored facts (noteStoredFact). */
  private dbNames = new Map<string, string>();
  private checker: TextLeakChecker | null = null;

  noteNode(id: string, _label: NodeLabel, properties: Record<string, unknown>): void {
    if (rankOf(properties.sensitivity) === 0) return;
    this.above.set(id, pack(properties.sensitivity as string, namesOf(properties)));
  }

  /**
   * `inFile`: whether a node of this id came earlier in the file. A CLEAR relationship states a
   * fact above CLEAR when an end is above CLEAR (seed/src/consistency.ts, as findTextLeaks reads
   * it): its quotes, or a text naming its other end where the restricted one is implied (the text's
   * owner's own name names it), give it away. So it is kept when an end is a file node above CLEAR,
   * or no node of the file yet (a later row, or the database's, whose level prepare learns); in a
   * file with its nodes first, that is the relationships touching restricted nodes and those
   * touching nodes only the database holds. The checker drops those that turn out CLEAR.
   */
  noteRelationship(
    type: RelType,
    from: string,
    to: string,
    properties: Record<string, unknown>,
    inFile: (id: string) => boolean = () => false,
  ): void {
    const level = rankOf(properties.sensitivity);
    const mayBeAbove = (id: string) => this.above.has(id) || !inFile(id);
    if (level === 0 && !mayBeAbove(from) && !mayBeAbove(to)) return;
    const index = this.relType.length;
    this.relType.push(REL_TYPES.indexOf(type));
    this.relFrom.push(this.end(from));
    this.relTo.push(this.end(to));
    this.relLevel.push(level);
    if (properties.role !== undefined) this.relRole.set(index, properties.role);
    const quotes = Array.isArray(properties.quotes) ? properties.quotes.filter(isCitableQuote) : [];
    if (quotes.length > 0) this.relQuotes.set(index, quotes);
  }

  /**
   * A fact above CLEAR the database holds about a node the import refers to (textHolds.ts), with
   * its ends; an end that is no node of the file (`inFile`) is known by its stored level and names.
   * Call it after the first pass, before `namesNeeded`, and give those ends to it and to `prepare`
   * as nodes of the database.
   */
  noteStoredFact(
    type: RelType,
    from: { id: string; sensitivity: string; names: string[] },
    to: { id: string; sensitivity: string; names: string[] },
    properties: Record<string, unknown>,
    inFile: (id: string) => boolean,
  ): void {
    for (const end of [from, to]) if (!inFile(end.id)) this.dbNames.set(end.id, pack(end.sensitivity, end.names));
    this.noteRelationship(type, from.id, to.id, properties, inFile);
  }

  /**
   * After the first pass: the ids whose names the check needs and has not kept (CLEAR nodes of
   * the file at an end of a relationship above CLEAR). `inDatabase`: ends only in the database
   * (not nodes of the file).
   */
  namesNeeded(inDatabase: ReadonlyMap<string, unknown>): Set<string> {
    const needed = new Set<string>();
    for (const id of this.endIds) if (!this.above.has(id) && !inDatabase.has(id)) needed.add(id);
    return needed;
  }

  /** A node row's names, for an id `namesNeeded` gave. */
  noteNames(id: string, properties: Record<string, unknown>): void {
    this.endNames.set(id, pack('CLEAR', namesOf(properties)));
  }

  /**
   * After the first pass and `noteNames`. `inDatabase`: the stored level of the ids the import
   * refers to that only the database holds (not nodes of the file). True when some text could leak, so the second pass must check texts.
   */
  prepare(inDatabase: ReadonlyMap<string, { sensitivity: string }>): boolean {
    for (const [id, ref] of inDatabase) {
      if (!this.above.has(id) && rankOf(ref.sensitivity) > 0) this.dbAbove.set(id, pack(ref.sensitivity, this.storedNames(id)));
    }
    this.checker = new TextLeakChecker(this.knownNodes(), this.restricted());
    // The checker holds what it needs; the notes go.
    this.above = new Map();
    this.dbAbove = new Map();
    this.dbNames = new Map();
    this.endNames = new Map();
    this.endNumber = new Map();
    this.endIds = [];
    this.relType = [];
    this.relFrom = [];
    this.relTo = [];
    this.relLevel = [];
    this.relRole = new Map();
    this.relQuotes = new Map();
    return this.checker.active;
  }

  nodeProblems(id: string, properties: Record<string, unknown>, where: Where, prefix: string): FieldProblem[] {
    const checker = this.checker;
    if (!checker?.active) return [];
    return checker.check(checker.nodeLevel(id), [id], properties).map((leak) => problem(leak, where, prefix));
  }

  relationshipProblems(rel: CheckedRelationship, where: Where, prefix: string): FieldProblem[] {
    const checker = this.checker;
    if (!checker?.active) return [];
    return checker.check(checker.relationshipRank(rel), [rel.from, rel.to], rel.properties).map((leak) => problem(leak, where, prefix));
  }

  private storedNames(id: string): string[] {
    const packed = this.dbNames.get(id);
    return packed === undefined ? [] : unpack(packed).names;
  }

  private end(id: string): number {
    let n = this.endNumber.get(id);
    if (n === undefined) {
      n = this.endIds.length;
      this.endNumber.set(id, n);
      this.endIds.push(id);
    }
    return n;
  }

  /** What the checker reads of the nodes: those above CLEAR (file order, then the database's), and the CLEAR ends' names. */
  private knownNodes(): KnownNodes {
    const { above, dbAbove, endNames, dbNames } = this;
    return {
      get: (id) => {
        const packed = above.get(id) ?? dbAbove.get(id) ?? endNames.get(id) ?? dbNames.get(id);
        return packed === undefined ? undefined : unpack(packed);
      },
      *[Symbol.iterator]() {
        for (const [id, packed] of above) yield [id, unpack(packed)];
        for (const [id, packed] of dbAbove) yield [id, unpack(packed)];
      },
    };
  }

  /** The relationships above CLEAR as the checker reads them, made one at a time. */
  private *restricted(): Generator<CheckedRelationship> {
    for (let i = 0; i < this.relType.length; i++) {
      yield {
        type: REL_TYPES[this.relType[i] as number] as RelType,
        from: this.endIds[this.relFrom[i] as number] as string,
        to: this.endIds[this.relTo[i] as number] as string,
        properties: {
          sensitivity: SENSITIVITY[this.relLevel[i] as number],
          quotes: this.relQuotes.get(i) ?? [],
          role: this.relRole.get(i),
        },
      };
    }
  }
}

const rankOf = (value: unknown): number => Math.max(sensitivityRank(value as Sensitivity), 0);

/**
 * A node's level and names as one string (`level \u0000 name \u0000 acronym …`) rather than a
 * KnownNode object with its array; a name holding the separator itself (never in practice) is
 * kept as JSON instead.
 */
function pack(sensitivity: string, names: string[]): string {
  const plain = names.every((name) => !name.includes(SEPARATOR));
  return plain ? [sensitivity, ...names].join(SEPARATOR) : JSON_MARK + JSON.stringify({ sensitivity, names });
}

const SEPARATOR = '\u0000';
const JSON_MARK = '{';

function unpack(text: string): KnownNode {
  if (text.startsWith(JSON_MARK)) return JSON.parse(text.slice(JSON_MARK.length)) as KnownNode;
  const [sensitivity, ...names] = text.split(SEPARATOR);
  return { sensitivity: sensitivity as Sensitivity, names };
}

const problem = (leak: { field: string; message: string }, where: Where, prefix: string): FieldProblem => ({
  field: at(where, prefix + leak.field),
  message: `${leak.message}: rewrite the text, or give it the level of the fact`,
});
