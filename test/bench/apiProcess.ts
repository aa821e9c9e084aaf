// The API under benchmark as a child process (apiServer.ts, compiled as npm start runs it), with the helpers that watch it:
// peak memory from /proc, and stopping what a timed-out request left running in Neo4j.
// Shared by run.ts (paths and centrality) and overhead.ts (the API against the raw driver).
import { type ChildProcess, fork, spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ensureBuilt, root } from '../../server/scripts/buildServer.mjs';
import type { Database } from '../../server/src/db/database.js';

const log = (line: string) => console.log(`[bench] ${line}`);

// ---------------------------------------------------------------------------------------------
// Memory: the API process and the Neo4j JVM, peak resident memory (VmHWM) from /proc
// ---------------------------------------------------------------------------------------------

/** The pid of the JVM serving this data folder (its command line names the folder). */
export function neo4jPid(dataDir: string): number | null {
  const ps = spawnSync('ps', ['-eo', 'pid=,args='], { encoding: 'utf8' });
  const line = ps.stdout?.split('\n').find((l) => l.includes('AtlasNeo4j') && l.includes(dataDir));
  return line ? Number(line.trim().split(/\s+/)[0]) : null;
}

/** Peak resident memory (VmHWM) of a process, in MB. */
export function peakRssMb(pid: number | null): number | null {
  if (!pid) return null;
  try {
    const kb = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1];
    return kb ? Math.round(Number(kb) / 1000) : null;
  } catch {
    return null;
  }
}

/** CPU seconds (user + system) a process has used so far, from /proc/<pid>/stat (clock ticks of 10 ms). */
export function cpuSeconds(pid: number | null | undefined): number | null {
  if (!pid) return null;
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Fields after the command (which may hold spaces), counted from field 3: utime is 14, stime 15.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return null;
  }
}

export function otherJvms(ownPid: number | null): number {
  const ps = spawnSync('ps', ['-C', 'java', '-o', 'pid='], { encoding: 'utf8' });
  return (ps.stdout ?? '')
    .split('\n')
    .map((l) => Number(l.trim()))
    .filter((pid) => pid > 0 && pid !== ownPid).length;
}

// ---------------------------------------------------------------------------------------------
// The API under test, in its own Node process (apiServer.ts)
// ---------------------------------------------------------------------------------------------

/** apiServer.ts compiled, as server/dist/index.mjs is for `npm start` (.cache is gitignored). */
const BENCH_API_BUILD = path.join(root, '.cache', 'bench', 'apiServer.mjs');

export class Api {
  private child: ChildProcess | undefined;
  base = '';
  /** The highest peak resident memory (VmHWM, MB) of the API processes this size ran (one per restart). */
  peakRssMb = 0;
  /** Sent with every request (a session cookie, see signIn). */
  private headers: Record<string, string> = {};
  constructor(
    private readonly uri: string,
    private readonly queryTimeoutMs: number,
    /** Configured as index.ts configures it: accounts, request log, heavy-query budget (apiServer.ts). */
    private readonly production = false,
    /** Another server to run in its place (overhead.ts's floor: floorServer.ts), with its own environment. */
    private readonly other?: { source: string; env: Record<string, string> },
  ) {}

  async start(): Promise<void> {
    // As `npm start` runs the server: compiled to JavaScript (server/scripts/buildServer.mjs);
    // BENCH_API_TSX=1 runs the TypeScript through tsx's loader instead, as before issue 13.
    const source = this.other?.source ?? fileURLToPath(new URL('./apiServer.ts', import.meta.url));
    const viaTsx = process.env.BENCH_API_TSX === '1';
    const outfile = this.other ? path.join(root, '.cache', 'bench', `${path.basename(source, '.ts')}.mjs`) : BENCH_API_BUILD;
    const entry = viaTsx ? source : await ensureBuilt({ entry: source, outfile, log });
    const child = fork(entry, [], {
      // BENCH_API_PROFILE=<dir>: the API process writes a V8 CPU profile there when it stops.
      execArgv: [
        ...(viaTsx ? ['--import', 'tsx'] : []),
        ...(process.env.BENCH_API_PROFILE ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_API_PROFILE}`] : []),
      ],
      env: {
        ...process.env,
        BENCH_NEO4J_URI: this.uri,
        BENCH_QUERY_TIMEOUT_MS: String(this.queryTimeoutMs),
        BENCH_PRODUCTION: this.production ? '1' : '0',
        ...this.other?.env,
      },
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    this.child = child;
    const port = await new Promise<number>((resolve, reject) => {
      child.once('message', (m: { port: number }) => resolve(m.port));
      child.once('error', reject);
      child.once('exit', (code) => reject(new Error(`the API process exited (${code}) before it listened`)));
    });
    child.on('exit', (code, signal) => {
      if (this.child === child) this.died ||= `the API process exited (${signal ?? code})`;
    });
    this.died = '';
    this.base = `http://127.0.0.1:${port}`;
  }

  /** CPU seconds the API process has used so far (null when it is not running or /proc is missing). */
  cpuSeconds(): number | null {
    return cpuSeconds(this.child?.pid);
  }

  /** Why the API process died (e.g. out of memory), or '' while it runs. */
  died = '';

  /** A fresh API after a time-out or a crash; what the old one left running in Neo4j is stopped. */
  async restart(db: Database): Promise<void> {
    await this.stop(true);
    await terminateRunningQueries(db);
    await this.start();
  }

  /** Signs in (POST /api/auth/login) and sends the session cookie from then on. */
  async signIn(username: string, password: string): Promise<void> {
    const res = await fetch(`${this.base}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: this.base },
      body: JSON.stringify({ username, password }),
    });
    const cookie = res.headers.get('set-cookie')?.split(';')[0];
    if (res.status !== 200 || !cookie) throw new Error(`sign-in failed: ${res.status} ${await res.text()}`);
    this.headers = { cookie };
  }

  /** Stops the API and says its peak memory (MB) over this size's run. */
  async stopAndMeasure(): Promise<number> {
    await this.stop();
    return this.peakRssMb;
  }

  /** Stops the API (its peak memory is read first); `hard` kills a computation that blocks it. */
  async stop(hard = false): Promise<void> {
    const child = this.child;
    this.child = undefined;
    if (!child) return;
    this.peakRssMb = Math.max(this.peakRssMb, peakRssMb(child.pid ?? null) ?? 0);
    const exited = new Promise((resolve) => (child.exitCode !== null ? resolve(null) : child.once('exit', resolve)));
    if (!hard && child.connected) {
      child.send('close');
      // It exits by itself once closed (writing its CPU profile, if asked); killed after 5 s.
      await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 5000))]);
    }
    child.kill('SIGKILL');
    await exited;
  }

  async get(
    pathAndQuery: string,
    timeoutMs: number,
  ): Promise<{ status: number; body: unknown; ms: number } | 'timeout' | { failed: string }> {
    const started = performance.now();
    try {
      const res = await fetch(`${this.base}${pathAndQuery}`, { headers: this.headers, signal: AbortSignal.timeout(timeoutMs) });
      const text = await res.text();
      const ms = performance.now() - started;
      let body: unknown = text;
      try {
        body = JSON.parse(text);
      } catch {
        // a non-JSON body is reported as text
      }
      return { status: res.status, body, ms };
    } catch (error) {
      if (error instanceof Error && (error.name === 'TimeoutError' || error.name === 'AbortError')) return 'timeout';
      // The connection broke: the API process died (out of memory?) while answering.
      await new Promise((resolve) => setTimeout(resolve, 500));
      return { failed: this.died || (error instanceof Error ? `${error.message} ${String(error.cause ?? '')}` : String(error)) };
    }
  }
}

/** After a time-boxed request gave up, stop what it left running in Neo4j. */
export async function terminateRunningQueries(db: Database): Promise<void> {
  try {
    const result = await db.read<{ id: string }>(
      "SHOW TRANSACTIONS YIELD transactionId AS id, currentQuery WHERE NOT currentQuery STARTS WITH 'SHOW TRANSACTIONS' RETURN id",
    );
    const ids = result.records.map((r) => r.get('id'));
    if (ids.length > 0) await db.runAutoCommit('TERMINATE TRANSACTIONS $ids', { ids });
  } catch (error) {
    log(`could not terminate running queries: ${error instanceof Error ? error.message : String(error)}`);
  }
}

export async function dropGdsGraphs(db: Database): Promise<void> {
  try {
    await db.runAutoCommit(
      'CALL gds.graph.list() YIELD graphName CALL gds.graph.drop(graphName, false) YIELD graphName AS dropped RETURN count(*)',
    );
  } catch {
    // no GDS: nothing cached
  }
}
