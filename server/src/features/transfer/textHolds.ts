import { NODE_LABELS, namesOf, REL_TYPES, type RelType, SENSITIVITY } from '@atlas/seed';
import type { Database } from '../../db/database.js';
import { defineQueries } from '../../db/queries.js';
import { toPlain } from '../../db/values.js';
import { AppError, type FieldProblem } from '../../errors.js';
import { holdsOn, ImportInProgress } from '../entities/importHolds.js';

const q = defineQueries('transfer', ['holdTexts', 'storedFactsAbove', 'dropTextHolds']);

/** An end of a stored fact as the text check needs it: its level and the names a text may call it by. */
export interface StoredEnd {
  id: string;
  sensitivity: string;
  names: string[];
}

/** A fact above CLEAR the database holds about a node an import refers to. */
export interface StoredFact {
  type: RelType;
  from: StoredEnd;
  to: StoredEnd;
  properties: { sensitivity: unknown; quotes: unknown; role: unknown };
  /** Recorded after the import began: written while it was writing. */
  since: boolean;
}

export interface HeldTexts {
  /** The held nodes' levels now (a node deleted since validation is missing). */
  levels: Map<string, string>;
  facts: StoredFact[];
}

/** Why another import's hold on a node changes what this import's texts are checked against (importHolds.cypher). */
const CHANGES_WHAT_TEXTS_READ = new Set(['update', 'restricted-tie']);

/**
 * Before an import's texts are checked: records that they rely on these existing nodes (the ends
 * of its relationships only the database holds) and reads, under the nodes' write locks, their
 * levels and the facts above CLEAR that touch them (holdTexts, storedFactsAbove). From then until
 * the import ends, an edit that would raise such a level or add or raise a fact there is refused
 * (importHolds.cypher, 'texts'); one that committed before is read here. Fails (ImportInProgress)
 * when another import in flight will update one of those nodes or has written a fact above CLEAR
 * to one: this import's texts would be checked against what that one is about to change.
 * `hold` false (a dry run): the same reads, nothing written or held.
 */
export async function holdTexts(db: Database, importId: string, ids: string[], hold = true): Promise<HeldTexts> {
  if (ids.length === 0) return { levels: new Map(), facts: [] };
  return db.writeTransaction(async (tx) => {
    const levels = new Map(
      (await tx.run(q.holdTexts, { importId, ids, hold })).records.map((r) => [r.get('id') as string, r.get('sensitivity') as string]),
    );
    const others = (hold ? await holdsOn(tx, ids) : []).filter(
      (h) => h.importId !== importId && h.reasons.some((reason) => CHANGES_WHAT_TEXTS_READ.has(reason)),
    );
    if (others.length > 0) {
      throw new ImportInProgress(
        `the existing nodes this import's texts are checked against (${others.length === 1 ? 'it' : 'they'} will update one, or link one to a fact above CLEAR)`,
        others.map((h) => h.importId),
        'relationships',
      );
    }
    const above = SENSITIVITY.slice(1);
    const facts = (await tx.run(q.storedFactsAbove, { importId, ids, above, types: REL_TYPES, labels: NODE_LABELS })).records.map(
      (r): StoredFact => ({
        type: r.get('type') as RelType,
        from: storedEnd(r.get('fromNode')),
        to: storedEnd(r.get('toNode')),
        properties: toPlain(r.get('properties')) as StoredFact['properties'],
        since: r.get('since') === true,
      }),
    );
    return { levels, facts };
  }, 600_000);
}

function storedEnd(value: unknown): StoredEnd {
  const props = toPlain(value) as Record<string, unknown>;
  return { id: props.id as string, sensitivity: (props.sensitivity as string) ?? 'CLEAR', names: namesOf(props) };
}

/** The import ended (published, or rolled back): it holds on nothing its texts were checked against. */
export async function dropTextHolds(db: Database, importId: string): Promise<void> {
  await db.write(q.dropTextHolds, { importId });
}

/** What a caller below a fact's level is told of a text stating it (as the editing API says it, entities/textConsistency.ts). */
const HIDDEN_REASON =
  'this text cannot be kept at this level: it would state what a higher level holds. Rewrite it, or ask an importer with a higher clearance';

/** The level a text problem names (seed/src/consistency.ts: "a AMBER fact", "which is RED"). */
const NAMED_LEVEL = /\b(?:a|is) (CLEAR|GREEN|AMBER|RED)\b/;

/** Text problems as the caller may read them: one naming a level above their clearance says only that the text cannot stay. */
export function visibleProblems(problems: FieldProblem[], allowed: readonly string[]): FieldProblem[] {
  return problems.map((p) => {
    const level = NAMED_LEVEL.exec(p.message)?.[1];
    return level === undefined || allowed.includes(level) ? p : { field: p.field, message: HIDDEN_REASON };
  });
}

/**
 * What an import's texts were checked against changed while it was writing (an existing node's
 * level, or a fact above CLEAR added at one), and some of its texts would now state a fact above
 * their level: the import fails whole (rolled back, nothing written), naming what changed (what
 * the caller may see of it) and the rows whose texts state it. Importing the file again checks it
 * against the database as it is now.
 */
export class TextsConflict extends AppError {
  constructor(
    changed: { id: string; from: string; to: string }[],
    added: StoredFact[],
    problems: FieldProblem[],
    allowed: readonly string[],
  ) {
    const sees = (level: string) => allowed.includes(level);
    const told = [
      ...changed.filter((c) => sees(c.to)).map((c) => `the level of '${c.id}' changed from ${c.from} to ${c.to}`),
      ...added
        .filter((f) => [f.properties.sensitivity ?? 'CLEAR', f.from.sensitivity, f.to.sensitivity].every((l) => sees(l as string)))
        .map((f) => `a ${factLevel(f)} fact was added (${f.type} from ${f.from.names[0] ?? f.from.id} to ${f.to.names[0] ?? f.to.id})`),
    ];
    super(
      409,
      'import-conflict',
      'The import was rolled back; nothing was written',
      `While the import was writing, ${told.length > 0 ? told.join('; ') : 'what its texts were checked against changed'}: ${problems.length} of its texts would now state a fact above their level. Import the file again.`,
      visibleProblems(problems, allowed).slice(0, 100),
    );
  }
}

const factLevel = (f: StoredFact): string =>
  SENSITIVITY[
    Math.max(...[f.properties.sensitivity ?? 'CLEAR', f.from.sensitivity, f.to.sensitivity].map((l) => SENSITIVITY.indexOf(l as never)))
  ] ?? 'restricted';
