import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { repoRoot } from '../config.js';
import type { Database } from './database.js';
import { stripComments } from './queries.js';

const schemaDir = path.join(repoRoot, 'cypher', 'schema');

export function schemaStatements(): string[] {
  return readdirSync(schemaDir)
    .filter((f) => f.endsWith('.cypher'))
    .sort()
    .flatMap((f) => stripComments(readFileSync(path.join(schemaDir, f), 'utf8')).split(';'))
    .map((s) => s.trim())
    .filter((s) => s.length > 0);
}

/** Every statement is IF NOT EXISTS, so this runs at each start-up; then waits for indexes to be online. */
export async function applySchema(db: Database): Promise<number> {
  const statements = schemaStatements();
  for (const statement of statements) await db.runAutoCommit(statement);
  await db.runAutoCommit('CALL db.awaitIndexes(300)');
  return statements.length;
}
