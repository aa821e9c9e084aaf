import { randomUUID } from 'node:crypto';
import type { Database } from '../../db/database.js';
import type { FieldProblem } from '../../errors.js';
import type { Caller } from '../../http/caller.js';
import type { MappingStats, ResolvedMapping } from './network/mapping.js';
import { type ImportSource, readRows } from './sources.js';
import { type AcceptedRow, guard, ImportValidator } from './validate.js';

const SAMPLES = 5;

export interface DryRunReport {
  format: string;
  /** The mapping as applied, defaults filled in (plain networks only). */
  mapping: ResolvedMapping | null;
  valid: boolean;
  /** What the import would write (create, or update where the id exists), per label and type. */
  nodes: Record<string, number>;
  relationships: Record<string, number>;
  network: MappingStats | null;
  samples: { nodes: AcceptedRow[]; relationships: AcceptedRow[] };
  problems: FieldProblem[];
  truncated: boolean;
}

/**
 * Everything an import checks (the same ImportValidator, so the same problems, clearance and
 * id rules), without writing anything: what would be written, a few rows as they would be
 * stored, and every problem.
 */
export async function dryRunImport(db: Database, source: ImportSource, caller: Caller): Promise<DryRunReport> {
  const validator = new ImportValidator(db, {
    caller,
    maxProblems: 100,
    prefix: source.format === 'json' ? 'properties.' : '',
    importId: randomUUID(),
    holdTexts: false,
  });
  const report: DryRunReport = {
    format: source.format,
    mapping: source.network ?? null,
    valid: false,
    nodes: {},
    relationships: {},
    network: source.stats ?? null,
    samples: { nodes: [], relationships: [] },
    problems: [],
    truncated: false,
  };
  const tally = (rows: AcceptedRow[]) => {
    for (const row of rows) {
      const [counts, samples, key] =
        row.kind === 'node'
          ? [report.nodes, report.samples.nodes, row.label]
          : [report.relationships, report.samples.relationships, row.key.type];
      counts[key] = (counts[key] ?? 0) + 1;
      if (samples.length < SAMPLES) samples.push(row);
    }
  };
  await guard(
    (p) => validator.add(p),
    async () => {
      for await (const row of readRows(source)) tally(await validator.accept(row));
    },
  );
  tally(await validator.finish());
  // The text check reads the source again: the mapping's counts are those of the first pass.
  const network = source.stats ? { ...source.stats } : null;
  await validator.confirmDuplicates(source);
  await validator.checkTexts(source);
  return { ...report, network, valid: !validator.failed, problems: validator.problems, truncated: validator.truncated };
}
