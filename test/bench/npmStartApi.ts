// The API as `npm start` runs it (server/src/index.ts compiled to server/dist/index.mjs: accounts,
// plan warm-up, "ready" only once the first answers are computed), against a Neo4j that already
// holds a graph, signed in as the bench user (benchUser.ts): firstMinute.ts and afterWrite.ts.
import { type ChildProcess, spawn } from 'node:child_process';
import path from 'node:path';
import { BENCH_USER } from './benchUser.js';

export interface ApiProcess {
  child: ChildProcess;
  base: string;
  /** Seconds from the spawn to "ready". */
  readyAfter: number;
  /** Everything it printed so far. */
  output: () => string;
  stop: () => void;
}

/**
 * Starts index.ts of the checkout at `root` (this one by default: another, e.g. main's worktree,
 * to measure before and after in the same conditions) and resolves once it says it is ready.
 */
export async function startApi(uri: string, log: (line: string) => void, root?: string, env: NodeJS.ProcessEnv = {}): Promise<ApiProcess> {
  const builder = root
    ? ((await import(
        path.join(path.resolve(root), 'server', 'scripts', 'buildServer.mjs')
      )) as typeof import('../../server/scripts/buildServer.mjs'))
    : await import('../../server/scripts/buildServer.mjs');
  const entry = await builder.ensureBuilt({ log });
  const started = performance.now();
  const child = spawn(process.execPath, [entry], {
    env: { ...process.env, NEO4J_URI: uri, ATLAS_PORT: '0', ATLAS_HOST: '127.0.0.1', ATLAS_LOG_LEVEL: 'warn', ...env },
    stdio: ['ignore', 'pipe', 'inherit'],
    detached: true,
  });
  let out = '';
  const stop = () => {
    if (child.pid && child.exitCode === null) process.kill(-child.pid, 'SIGTERM');
  };
  return new Promise((resolve, reject) => {
    let base = '';
    child.stdout?.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      base ||= /listening on (http:\/\/[^/\s]+)\//.exec(out)?.[1] ?? '';
      if (base && /is ready at/.test(out))
        resolve({ child, base, readyAfter: (performance.now() - started) / 1000, output: () => out, stop });
    });
    child.once('exit', (code) => reject(new Error(`the API exited (${code}) before it was ready:\n${out.slice(-2000)}`)));
  });
}

/** The session cookie of the bench user. */
export async function signIn(base: string): Promise<string> {
  const res = await fetch(`${base}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin: base },
    body: JSON.stringify({ username: BENCH_USER.username, password: BENCH_USER.password }),
  });
  const cookie = res.headers.get('set-cookie')?.split(';')[0];
  if (res.status !== 200 || !cookie) throw new Error(`sign-in failed (${res.status}): create the bench user with overhead.ts --uri first`);
  return cookie;
}
