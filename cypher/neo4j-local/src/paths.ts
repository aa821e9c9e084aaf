import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** Root of this package (cypher/neo4j-local). */
export const PACKAGE_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const TARGET_DIR = path.join(PACKAGE_DIR, 'target');
/** The Neo4j jars Maven copied (the server, and neo4j-admin's commands: org.neo4j.cli.AdminTool). */
export const LIB_DIR = path.join(TARGET_DIR, 'lib');

export function javaBin(): string {
  const home = process.env.JAVA_HOME;
  if (home) {
    const candidate = path.join(home, 'bin', 'java');
    if (existsSync(candidate)) return candidate;
  }
  return 'java';
}
