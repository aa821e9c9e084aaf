import {
  type CheckedNode,
  type CheckedRelationship,
  findTextLeaks,
  type KnownNode,
  knownNodes,
  NODE_LABELS,
  type NodeLabel,
  REL_TYPES,
  type RelType,
  SENSITIVITY,
  type Sensitivity,
  TextLeakChecker,
} from '@atlas/seed';
import type { ManagedTransaction } from 'neo4j-driver';
import { defineQueries } from '../../db/queries.js';
import { toPlain } from '../../db/values.js';
import type { FieldProblem } from '../../errors.js';
import type { Caller } from '../../http/caller.js';
import type { Props } from './model.js';
import { invalid } from './problems.js';

/**
 * The text-consistency rule of the seed loader and the import (seed/src/consistency.ts) for the
 * editing API, inside the write transaction: a text visible at a level must not state a fact held
 * at a higher level. Two directions:
 * - the texts a write stores, against every fact and node held above their level (any of the graph);
 * - the texts already stored around the written element (its ends or itself, their relationships and
 *   neighbours: the import's scope) that the write would make state a fact above them, by raising a
 *   fact's or a node's level or adding a fact at a higher level: compared before and after the write.
 */
const q = defineQueries('entities', ['textNodesAbove', 'textFactsAbove', 'textNeighbourhood']);
const scope = { labels: NODE_LABELS, types: REL_TYPES };

const rankOf = (level: unknown) => Math.max(SENSITIVITY.indexOf(level as Sensitivity), 0);
const levelsAbove = (rank: number) => SENSITIVITY.slice(rank + 1);
const sees = (caller: Caller, rank: number) => rank < caller.allowed.length;

/** What a stored text says without naming anything the caller may not see. */
const HIDDEN_REASON =
  'this text cannot be kept at this level: it would state what a higher level holds. Rewrite it, or ask an editor with a higher clearance';

/** The element a write stores: a node (its new properties) or a relationship (its ends and new properties), and the level its texts are seen at. */
export type WrittenElement = { level: Sensitivity } & (
  | { kind: 'node'; id: string; label: NodeLabel; properties: Props }
  | { kind: 'relationship'; id: string; type: RelType; from: string; to: string; properties: Props }
);

interface Above {
  nodes: Map<string, KnownNode>;
  facts: CheckedRelationship[];
}

/** Every node and fact held above `rank` (the written relationship itself left out: it is checked as written). */
async function readAbove(tx: ManagedTransaction, rank: number, except: string): Promise<Above> {
  const above = levelsAbove(rank);
  const nodes = new Map<string, KnownNode>();
  const note = (n: Props) => {
    for (const [id, known] of knownNodes([{ id: n.id as string, label: 'Actor', properties: n }])) nodes.set(id, known);
  };
  for (const r of (await tx.run(q.textNodesAbove, { ...scope, above })).records)
    note({ ...(toPlain(r.get('properties')) as Props), id: r.get('id') });
  const facts: CheckedRelationship[] = [];
  for (const r of (await tx.run(q.textFactsAbove, { ...scope, above, except })).records) {
    const from = toPlain(r.get('fromNode')) as Props;
    const to = toPlain(r.get('toNode')) as Props;
    note(from);
    note(to);
    facts.push({ type: r.get('type'), from: from.id as string, to: to.id as string, properties: toPlain(r.get('properties')) as Props });
  }
  return { nodes, facts };
}

/** The checker over what is above, with the written element as it will be (its own level and names). */
function checkerFor(above: Above, element: WrittenElement, keep: (level: unknown) => boolean): TextLeakChecker {
  const nodes = new Map([...above.nodes].filter(([, n]) => keep(n.sensitivity)));
  if (element.kind === 'node') {
    for (const [id, known] of knownNodes([{ id: element.id, label: element.label, properties: element.properties }])) nodes.set(id, known);
  }
  const facts = above.facts.filter(
    (f) => keep(f.properties.sensitivity) && keep(above.nodes.get(f.from)?.sensitivity) && keep(above.nodes.get(f.to)?.sensitivity),
  );
  return new TextLeakChecker(nodes, facts);
}

const owners = (e: WrittenElement) => (e.kind === 'node' ? [e.id] : [e.from, e.to]);

/**
 * The written element's texts against every fact and node above their level: 400 naming each field
 * that states one. The message names the fact only when the caller may see it; otherwise it says
 * no more than that the text cannot stay at this level.
 */
async function refuseStatedFacts(tx: ManagedTransaction, caller: Caller, element: WrittenElement, prefix: string): Promise<void> {
  const rank = rankOf(element.level);
  const above = await readAbove(tx, rank, element.kind === 'relationship' ? element.id : '');
  const leaks = checkerFor(above, element, () => true).check(rank, owners(element), element.properties);
  if (leaks.length === 0) return;
  const visible = checkerFor(above, element, (level) => caller.allowed.includes(level as Sensitivity));
  const told = new Map(visible.check(rank, owners(element), element.properties).map((l) => [l.field, l.message]));
  throw invalid(
    leaks.map(
      (leak): FieldProblem => ({
        field: `${prefix}.${leak.field}`,
        message: told.has(leak.field) ? `${told.get(leak.field)}: rewrite the text, or give it the level of the fact` : HIDDEN_REASON,
      }),
    ),
  );
}

// ---- the texts around the written element ------------------------------------------------------

interface Neighbourhood {
  nodes: CheckedNode[];
  relationships: Array<CheckedRelationship & { id: string }>;
}

async function readNeighbourhood(tx: ManagedTransaction, ids: string[]): Promise<Neighbourhood> {
  const nodes = new Map<string, CheckedNode>();
  const relationships = new Map<string, CheckedRelationship & { id: string }>();
  const note = (label: string, props: unknown) => {
    const properties = toPlain(props) as Props;
    nodes.set(properties.id as string, { id: properties.id as string, label: label as NodeLabel, properties });
  };
  for (const r of (await tx.run(q.textNeighbourhood, { ...scope, ids })).records) {
    note(r.get('label'), r.get('node'));
    if (r.get('rel') === null) continue;
    note(r.get('otherLabel'), r.get('other'));
    const properties = toPlain(r.get('rel')) as Props;
    relationships.set(properties.id as string, {
      id: properties.id as string,
      type: r.get('type'),
      from: r.get('fromId'),
      to: r.get('toId'),
      properties,
    });
  }
  return { nodes: [...nodes.values()], relationships: [...relationships.values()] };
}

interface PlacedLeak {
  key: string;
  /** How the caller would find the text: "the description of WANEP (actor-wanep)". */
  where: string;
  rank: number;
  message: string;
}

function leaksIn(graph: Neighbourhood): PlacedLeak[] {
  const rank = new Map(graph.nodes.map((n) => [n.id, rankOf(n.properties.sensitivity)]));
  const name = (id: string) => {
    const props = graph.nodes.find((n) => n.id === id)?.properties;
    return `${(props?.acronym || props?.name || id) as string} (${id})`;
  };
  return findTextLeaks(graph).map((leak) => {
    if (leak.element.kind === 'node') {
      const id = leak.element.id;
      return {
        key: `node ${id} ${leak.field} ${leak.message}`,
        where: `${leak.field} of ${name(id)}`,
        rank: rank.get(id) ?? 0,
        message: leak.message,
      };
    }
    const r = graph.relationships[leak.element.index] as Neighbourhood['relationships'][number];
    const level = Math.max(rankOf(r.properties.sensitivity), rank.get(r.from) ?? 0, rank.get(r.to) ?? 0);
    return {
      key: `rel ${r.id} ${leak.field} ${leak.message}`,
      where: `${leak.field} of ${r.type} from ${name(r.from)} to ${name(r.to)}`,
      rank: level,
      message: leak.message,
    };
  });
}

/**
 * Runs `write` inside the transaction with both checks: the written texts first (before anything
 * is written), then the texts around the element compared before and after the write. A 400 makes
 * the transaction roll back, so nothing is written. `field`: what the caller changes that would
 * make a stored text state a fact (the level, or the relationship itself).
 */
export async function withConsistentTexts<T>(
  tx: ManagedTransaction,
  caller: Caller,
  element: WrittenElement,
  fields: { texts: string; level: string },
  write: () => Promise<T>,
): Promise<T> {
  await refuseStatedFacts(tx, caller, element, fields.texts);
  const around = owners(element);
  const before = new Set(leaksIn(await readNeighbourhood(tx, around)).map((l) => l.key));
  const result = await write();
  const created = leaksIn(await readNeighbourhood(tx, around)).filter((l) => !before.has(l.key));
  if (created.length > 0) {
    throw invalid(
      created.map((l) => ({
        field: fields.level,
        message: sees(caller, l.rank)
          ? `the ${l.where}, visible at ${SENSITIVITY[l.rank]}, would then contradict the levels: it ${l.message}. Keep this fact's level, or rewrite that text first`
          : HIDDEN_REASON,
      })),
    );
  }
  return result;
}
