import {
  type CheckedRelationship,
  type KnownNode,
  knownNodes,
  type NodeLabel,
  type RelType,
  type Sensitivity,
  TextLeakChecker,
} from '@atlas/seed';
import type { FieldProblem } from '../../errors.js';
import { at, type Where } from './format.js';

/**
 * The import's text-consistency check (the rule is in seed/src/consistency.ts): no text of the
 * import visible at a level may state a fact of the import held at a higher level. Built to sit
 * in a two-pass streaming validation: the first pass notes every node's names and level and the
 * relationships above CLEAR (small: no descriptions or quotes of ordinary rows are kept); the
 * second checks the texts of each row. Ends that are only in the database count with their
 * stored level; their names are not looked up, so a text naming such an end by name is only
 * caught when the text belongs to the end itself or to a relationship touching it.
 */
export class ImportTextCheck {
  /** Each node's level and names as one string (CompactNodes): no object and array per node. */
  private readonly nodes = new CompactNodes();
  private readonly restricted: CheckedRelationship[] = [];
  private checker: TextLeakChecker | null = null;

  noteNode(id: string, label: NodeLabel, properties: Record<string, unknown>): void {
    const [known] = knownNodes([{ id, label, properties }]).values();
    if (known) this.nodes.set(id, known);
  }

  noteRelationship(type: RelType, from: string, to: string, properties: Record<string, unknown>): void {
    if (properties.sensitivity === 'CLEAR') return;
    const { sensitivity, quotes, role } = properties;
    this.restricted.push({ type, from, to, properties: { sensitivity, quotes, role } });
  }

  /**
   * After the first pass. `inDatabase`: the level of ids the import refers to that the database
   * holds. True when some text could leak, so the second pass must check texts.
   */
  prepare(inDatabase: ReadonlyMap<string, { sensitivity: string }>): boolean {
    for (const [id, ref] of inDatabase) {
      if (!this.nodes.has(id)) this.nodes.set(id, { names: [], sensitivity: ref.sensitivity as Sensitivity });
    }
    // TextLeakChecker reads each node once or twice while it builds; the entries are made as it reads.
    this.checker = new TextLeakChecker(this.nodes, this.restricted);
    this.restricted.length = 0;
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
}

/**
 * The import's nodes for the text check, id → level and names, kept as one string per node
 * (`level \u0000 name \u0000 acronym …`) rather than a KnownNode object with its array: the
 * file's names stay, the per-node objects go. Read as the ReadonlyMap TextLeakChecker takes.
 */
class CompactNodes implements ReadonlyMap<string, KnownNode> {
  private readonly packed = new Map<string, string>();

  get size(): number {
    return this.packed.size;
  }

  set(id: string, node: KnownNode): void {
    // A name holding the separator itself (never in practice) is kept as JSON instead.
    const plain = node.names.every((name) => !name.includes(SEPARATOR));
    this.packed.set(id, plain ? [node.sensitivity, ...node.names].join(SEPARATOR) : JSON_MARK + JSON.stringify(node));
  }

  has(id: string): boolean {
    return this.packed.has(id);
  }

  get(id: string): KnownNode | undefined {
    const text = this.packed.get(id);
    return text === undefined ? undefined : unpack(text);
  }

  *entries(): MapIterator<[string, KnownNode]> {
    for (const [id, text] of this.packed) yield [id, unpack(text)];
  }

  keys(): MapIterator<string> {
    return this.packed.keys();
  }

  *values(): MapIterator<KnownNode> {
    for (const text of this.packed.values()) yield unpack(text);
  }

  [Symbol.iterator](): MapIterator<[string, KnownNode]> {
    return this.entries();
  }

  forEach(callback: (value: KnownNode, key: string, map: ReadonlyMap<string, KnownNode>) => void): void {
    for (const [id, node] of this.entries()) callback(node, id, this);
  }
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
