import { NODE_LABELS, type NodeLabel, REL_TYPES, type RelType } from '@atlas/seed';
import type { z } from 'zod';
import type { Database } from '../../db/database.js';
import type { FieldProblem } from '../../errors.js';
import type { Caller } from '../../http/caller.js';
import { issuesByField } from '../entities/problems.js';
import { defaultRelationshipId, findNodes, type NodeRef } from '../entities/repository.js';
import { endpointProblem, NODE_SCHEMAS, relationshipSchemaFor, withNodeDefaults, withRelationshipDefaults } from '../entities/schema.js';
import { at, type NodeRow, type RelationshipRow, type Where } from './format.js';
import { documentProblem, type ImportSource, readRows } from './sources.js';
import { ImportTextCheck } from './textConsistency.js';

/** What validation learnt and the write pass needs: each id's label, in the file or the database. */
export interface ValidatedImport {
  labels: Map<string, NodeLabel>;
  nodes: number;
  relationships: number;
}

export class ImportRejected extends Error {
  constructor(
    readonly problems: FieldProblem[],
    readonly truncated: boolean,
  ) {
    super(`${problems.length}${truncated ? '+' : ''} problems`);
  }
}

/** The typed, defaulted properties of a node row, or its problems. */
export function checkNode(row: NodeRow, prefix: string): { label: NodeLabel; props: Record<string, unknown> } | FieldProblem[] {
  if (row.problems) return row.problems;
  if (!NODE_LABELS.includes(row.label as NodeLabel)) {
    return [{ field: at(row.where, 'label'), message: `'${row.label}' is not a label; one of ${NODE_LABELS.join(', ')}` }];
  }
  const label = row.label as NodeLabel;
  if (row.properties.id !== undefined && row.properties.id !== row.id) {
    return [{ field: at(row.where, `${prefix}id`), message: `differs from the node's id '${row.id}'` }];
  }
  const result = NODE_SCHEMAS[label].safeParse(withNodeDefaults({ ...row.properties, id: row.id }));
  if (!result.success) return zodProblems(result.error, row.where, prefix);
  return { label, props: result.data as Record<string, unknown> };
}

export function checkRelationship(
  row: RelationshipRow,
  prefix: string,
): { type: RelType; id: string; props: Record<string, unknown> } | FieldProblem[] {
  if (row.problems) return row.problems;
  const problems: FieldProblem[] = [];
  if (!REL_TYPES.includes(row.type as RelType)) {
    problems.push({ field: at(row.where, 'type'), message: `'${row.type}' is not a relationship type; one of ${REL_TYPES.join(', ')}` });
  }
  for (const end of ['from', 'to'] as const)
    if (!row[end]) problems.push({ field: at(row.where, end), message: 'the id of a node is required' });
  if (problems.length > 0) return problems;
  const type = row.type as RelType;
  const { id: ownId, ...properties } = row.properties;
  if (ownId !== undefined && row.id !== undefined && ownId !== row.id) {
    return [{ field: at(row.where, `${prefix}id`), message: `differs from the relationship's id '${row.id}'` }];
  }
  const result = relationshipSchemaFor(type).safeParse(withRelationshipDefaults(properties));
  if (!result.success) return zodProblems(result.error, row.where, prefix);
  const props = result.data as Record<string, unknown>;
  const id = row.id ?? (typeof ownId === 'string' ? ownId : defaultRelationshipId({ type, from: row.from, to: row.to, properties: props }));
  return { type, id, props };
}

function zodProblems(error: z.ZodError, where: Where, prefix: string): FieldProblem[] {
  return issuesByField(error).map(({ path, message }) => ({ field: at(where, prefix + path.join('.')), message }));
}

export interface ValidateOptions {
  caller: Caller;
  maxProblems: number;
  /** 'properties.' for the JSON format, where properties sit in their own object; '' for sheets. */
  prefix: string;
  onRows?: (rows: number) => void;
}

/**
 * The validation pass, before anything is written: every row against its schema, ids unique in
 * the file, ends of every relationship in the file or the database, visible to the caller, and
 * allowed by REL_ENDPOINTS. Streams the source twice (relationships may come before the nodes
 * they join); holds each node id's label and each relationship id, never the rows.
 */
export async function validateImport(db: Database, source: ImportSource, options: ValidateOptions): Promise<ValidatedImport> {
  const problems: FieldProblem[] = [];
  let truncated = false;
  const add = (more: FieldProblem[]) => {
    for (const p of more) {
      if (problems.length < options.maxProblems) problems.push(p);
      else truncated = true;
    }
  };
  const labels = new Map<string, NodeLabel>();
  const relIds = new Set<string>();
  const elsewhere = new Set<string>();
  let nodes = 0;
  let relationships = 0;
  const allowed = options.caller.allowed as string[];
  const texts = new ImportTextCheck();

  await guard(add, async () => {
    for await (const row of readRows(source)) {
      if (row.kind === 'node') {
        nodes++;
        const checked = checkNode(row, options.prefix);
        if (Array.isArray(checked)) add(checked);
        else {
          if (labels.has(row.id))
            add([{ field: at(row.where, `${options.prefix}id`), message: `a second node with id '${row.id}' in this import` }]);
          if (!allowed.includes(checked.props.sensitivity as string)) add([aboveClearance(row.where, options.prefix)]);
          labels.set(row.id, checked.label);
          texts.noteNode(row.id, checked.label, checked.props);
        }
      } else {
        relationships++;
        const checked = checkRelationship(row, options.prefix);
        if (Array.isArray(checked)) add(checked);
        else {
          if (relIds.has(checked.id))
            add([{ field: at(row.where, 'id'), message: `a second relationship with id '${checked.id}' in this import` }]);
          if (!allowed.includes(checked.props.sensitivity as string)) add([aboveClearance(row.where, options.prefix)]);
          relIds.add(checked.id);
          texts.noteRelationship(checked.type, row.from, row.to, checked.props);
        }
        for (const end of [row.from, row.to]) if (end && !labels.has(end)) elsewhere.add(end);
      }
      if ((nodes + relationships) % 50_000 === 0) options.onRows?.(nodes + relationships);
    }
  });
  relIds.clear();

  // Ids the file uses: its own nodes must not clash with (or overwrite hidden) database nodes,
  // and relationship ends it does not define must exist in the database, visible to the caller.
  const inDatabase = await lookUp(db, [...labels.keys(), ...[...elsewhere].filter((id) => !labels.has(id))]);
  const labelOf = (id: string): NodeLabel | undefined => {
    const fromFile = labels.get(id);
    if (fromFile) return fromFile;
    const existing = inDatabase.get(id);
    return existing && allowed.includes(existing.sensitivity) ? existing.label : undefined;
  };

  const clashes = [...labels].some(([id, label]) => {
    const existing = inDatabase.get(id);
    return existing && (existing.label !== label || !allowed.includes(existing.sensitivity));
  });
  // No text may state a fact of the import held at a higher level than the text (seed/src/consistency.ts).
  const checkTexts = texts.prepare(inDatabase);
  if (relationships > 0 || clashes || checkTexts) {
    await guard(add, async () => {
      for await (const row of readRows(source)) {
        if (row.kind === 'node') {
          const existing = inDatabase.get(row.id);
          if (existing && (existing.label !== labels.get(row.id) || !allowed.includes(existing.sensitivity))) {
            add([{ field: at(row.where, `${options.prefix}id`), message: `id '${row.id}' is already taken by another node` }]);
          }
          const checked = checkTexts ? checkNode(row, options.prefix) : [];
          if (!Array.isArray(checked)) add(texts.nodeProblems(row.id, checked.props, row.where, options.prefix));
          continue;
        }
        if (!REL_TYPES.includes(row.type as RelType)) continue;
        const checked = checkTexts ? checkRelationship(row, options.prefix) : [];
        if (!Array.isArray(checked)) {
          add(
            texts.relationshipProblems(
              { type: checked.type, from: row.from, to: row.to, properties: checked.props },
              row.where,
              options.prefix,
            ),
          );
        }
        const from = labelOf(row.from);
        const to = labelOf(row.to);
        if (!from && row.from)
          add([{ field: at(row.where, 'from'), message: `no node with id '${row.from}' in the import or the database` }]);
        if (!to && row.to) add([{ field: at(row.where, 'to'), message: `no node with id '${row.to}' in the import or the database` }]);
        const problem = from && to ? endpointProblem(row.type as RelType, from, to) : null;
        if (problem) add([{ field: at(row.where, 'type'), message: problem }]);
      }
    });
  }
  if (problems.length > 0) throw new ImportRejected(problems, truncated);
  for (const id of elsewhere) {
    const label = labelOf(id);
    if (label && !labels.has(id)) labels.set(id, label);
  }
  return { labels, nodes, relationships };
}

const aboveClearance = (where: Where, prefix: string): FieldProblem => ({
  field: at(where, `${prefix}sensitivity`),
  message: 'above your clearance: you could not see what you imported',
});

async function guard(add: (p: FieldProblem[]) => void, work: () => Promise<void>): Promise<void> {
  try {
    await work();
  } catch (error) {
    const problem = documentProblem(error);
    if (!problem) throw error;
    add([problem]);
  }
}

async function lookUp(db: Database, ids: string[]): Promise<Map<string, NodeRef>> {
  const found = new Map<string, NodeRef>();
  for (let i = 0; i < ids.length; i += 10_000) {
    const batch = ids.slice(i, i + 10_000);
    for (const [id, ref] of await db.readTransaction((tx) => findNodes(tx, batch))) found.set(id, ref);
  }
  return found;
}
