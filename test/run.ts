// npm test: starts a throw-away Neo4j on a free port with its own data folder (never the
// user's), runs every vitest project against it, then stops it and removes the folder.
import { spawn, spawnSync } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { checkPrerequisites, ensureNeo4jInstalled, startLocalNeo4j } from '@atlas/neo4j-local';

const log = (line: string) => console.log(`[test] ${line}`);

/** Type errors and lint findings fail the run before any database starts. */
function staticChecks(): void {
  log('type-checking and linting ...');
  const result = spawnSync('npm', ['run', '--silent', 'check'], { stdio: 'inherit' });
  if (result.status !== 0) throw new Error('static checks failed (npm run check); fix the errors above');
}

async function main(): Promise<number> {
  if (!process.argv.includes('--no-static-checks')) staticChecks();
  await checkPrerequisites();
  await ensureNeo4jInstalled({ log: (l) => console.log(`[neo4j-local] ${l}`) });
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'atlas-test-neo4j-'));
  const started = Date.now();
  const neo4j = await startLocalNeo4j({ boltPort: 0, dataDir, heap: '1g', pageCache: '256m' });
  log(`Neo4j ${neo4j.version} ready at ${neo4j.uri} in ${((Date.now() - started) / 1000).toFixed(1)} s (data in ${dataDir})`);
  try {
    const vitest = path.join('node_modules', 'vitest', 'vitest.mjs');
    const child = spawn(
      process.execPath,
      [vitest, 'run', '--config', 'test/vitest.config.ts', ...process.argv.slice(2).filter((a) => a !== '--no-static-checks')],
      {
        stdio: 'inherit',
        env: { ...process.env, ATLAS_TEST_NEO4J_URI: neo4j.uri },
      },
    );
    const forward = (signal: NodeJS.Signals) => child.kill(signal);
    process.on('SIGINT', forward);
    process.on('SIGTERM', forward);
    return await new Promise<number>((resolve) => child.on('exit', (code) => resolve(code ?? 1)));
  } finally {
    await neo4j.stop();
    await rm(dataDir, { recursive: true, force: true });
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(`[test] ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  },
);
