import neo4j, {
  type Driver,
  type ManagedTransaction,
  type QueryResult,
  type RecordShape,
  type Session,
  type SessionMode,
} from 'neo4j-driver';
import { AppError } from '../errors.js';
import { bumpGraphVersion } from './graphVersion.js';
import { Lifecycle } from './lifecycle.js';
import { mayChangeGraph } from './queries.js';

export interface DatabaseOptions {
  uri: string;
  user?: string;
  password?: string;
  database?: string;
  queryTimeoutMs: number;
  /** The driver's connection pool size (maxConnectionPoolSize); the driver's default, 100, when omitted. */
  maxPoolSize?: number;
}

/** What GET /metrics reports of the connection pool; see Database.poolUse. */
export interface PoolUse {
  inUse: number;
  idle: number;
  waiting: number;
  max: number;
}

export type Params = Record<string, unknown>;

/**
 * An unreachable database must cost a request about a second, not the driver's defaults (30 s of
 * managed-transaction retries, plus 30 s per connection attempt to a silent host): a refused or
 * timed-out connection is retried once after about a second (the retry delay starts at 1 s, and
 * no second retry fits in this budget), then the request answers 503.
 */
const DRIVER_TIMEOUTS = { maxTransactionRetryTime: 700, connectionTimeout: 600 } as const;
/** The driver's first retry delay (1 s, jittered by 20 %), which read keeps to as well. */
const RETRY_DELAY_MS = 1_000;

/**
 * The only door to Neo4j: reads run in read sessions (one statement auto-commit, several through
 * executeRead) and writes through executeWrite, so a cluster can route reads to followers; every
 * transaction carries the configured timeout.
 */
export class Database {
  readonly driver: Driver;
  readonly database: string | undefined;
  /** Every transaction's time budget; the in-process centrality engine keeps to it too. */
  readonly timeoutMs: number;
  /**
   * Set on a view (withSignal) whose work is stopped when it aborts: its sessions are closed (see
   * withSession) and the in-process engines stop their worker threads. Unset on the database itself.
   */
  readonly signal: AbortSignal | undefined = undefined;
  /** Warm-up and local-Neo4j supervision state, for the health endpoints and fast failure. */
  readonly lifecycle = new Lifecycle();
  /** Sessions open right now (each runs one transaction or statement), for GET /metrics. */
  inFlight = 0;
  /** The most sessions ever open at once: the pool opens a connection only when none is idle. */
  private peakInFlight = 0;
  readonly maxPoolSize: number;

  constructor(options: DatabaseOptions) {
    const auth = options.user ? neo4j.auth.basic(options.user, options.password ?? '') : undefined;
    this.maxPoolSize = options.maxPoolSize ?? 100;
    this.driver = neo4j.driver(options.uri, auth, {
      disableLosslessIntegers: true,
      userAgent: 'stakeholder-atlas',
      maxConnectionPoolSize: this.maxPoolSize,
      ...DRIVER_TIMEOUTS,
    });
    this.database = options.database;
    this.timeoutMs = options.queryTimeoutMs;
  }

  /** The database itself, also when asked of a view of it (withTimeout): the key of what is kept per database. */
  get origin(): Database {
    return this;
  }

  /**
   * This database (the same driver, pool, lifecycle and counters) with another time budget per
   * transaction: for work that goes on in the background past a request's budget (kept analyses,
   * features/centrality/kept.ts). Everything else, including what it changes, is this one's.
   */
  withTimeout(timeoutMs: number): Database {
    return this.view({ timeoutMs });
  }

  /**
   * This database with its work stopped when `signal` aborts: a read or transaction under way
   * rejects at once with the signal's reason and its session is closed, which ends the query on
   * the server too; one asked after the abort is not started. For background work that a newer
   * graph version made useless (features/centrality/kept.ts, features/planner/cache.ts).
   */
  withSignal(signal: AbortSignal): Database {
    return this.view({ signal });
  }

  private view(overrides: Partial<Pick<Database, 'timeoutMs' | 'signal'>>): Database {
    // `origin` is read through to the database itself, so what is kept per database (GDS
    // projections, whether GDS is there) is shared with its views.
    return new Proxy(this, {
      get: (target, key) => (Object.hasOwn(overrides, key) ? overrides[key as keyof typeof overrides] : Reflect.get(target, key)),
    });
  }

  /**
   * One read statement, run as an auto-commit transaction (issue 13): still one transaction and
   * one snapshot (the server wraps the statement in its own), but the driver sends RUN and PULL in
   * one write and waits one round trip, where a managed transaction (readTransaction) writes
   * BEGIN, then RUN+PULL, then COMMIT and waits for the commit too: about 1.5× the reads per second
   * and a third less driver CPU per read, measured on GET /api/actors/:id. A transient failure is
   * tried once more after about a second, as the managed transactions are (DRIVER_TIMEOUTS).
   */
  async read<R extends RecordShape = RecordShape>(query: string, params: Params = {}, timeoutMs = this.timeoutMs): Promise<QueryResult<R>> {
    // Both tries in one session, as executeRead's are: a database noticed down meanwhile still
    // answers with the driver's error (health reports "degraded" from it), not the fail-fast 503.
    return this.withSession(async (session) => {
      const once = () => session.run<R>(query, params, { timeout: timeoutMs }) as unknown as Promise<QueryResult<R>>;
      try {
        return await once();
      } catch (error) {
        // A local Neo4j already known to be down is not waited for (the request answers 503 now).
        if (!neo4j.isRetryableError(error) || this.localNeo4jDown()) throw error;
        await new Promise((resolve) => setTimeout(resolve, RETRY_DELAY_MS * (0.8 + 0.4 * Math.random())));
        return await once();
      }
    }, neo4j.session.READ);
  }

  async write<R extends RecordShape = RecordShape>(
    query: string,
    params: Params = {},
    timeoutMs = this.timeoutMs,
  ): Promise<QueryResult<R>> {
    return this.writeTransaction((tx) => tx.run<R>(query, params), timeoutMs, mayChangeGraph(query));
  }

  /** Several reads in one transaction, so they see one consistent snapshot. */
  async readTransaction<T>(work: (tx: ManagedTransaction) => Promise<T>, timeoutMs = this.timeoutMs): Promise<T> {
    return this.withSession((session) => session.executeRead(work, { timeout: timeoutMs }));
  }

  /**
   * Several statements in one write transaction: all of them land or none does. Unless told it
   * keeps only app state, it also changes the graph version, last (db/graphVersion.ts), so other
   * processes' caches see the write the moment it commits.
   */
  async writeTransaction<T>(work: (tx: ManagedTransaction) => Promise<T>, timeoutMs = this.timeoutMs, changesGraph = true): Promise<T> {
    const tracked = async (tx: ManagedTransaction) => {
      const result = await work(tx);
      if (changesGraph) await bumpGraphVersion(tx);
      return result;
    };
    return this.withSession((session) => session.executeWrite(tracked, { timeout: timeoutMs }));
  }

  /**
   * Schema commands cannot run inside a managed transaction with other writes; run them one by
   * one. They leave the graph version alone: a schema change changes no node or relationship.
   */
  async runAutoCommit(query: string, params: Params = {}, timeoutMs?: number): Promise<void> {
    await this.withSession(async (session) => {
      await session.run(query, params, timeoutMs ? { timeout: timeoutMs } : undefined);
    });
  }

  async verify(): Promise<{ version: string; edition: string }> {
    const info = await this.driver.getServerInfo({ database: this.database });
    const result = await this.read<{ version: string; edition: string }>(
      'CALL dbms.components() YIELD versions, edition RETURN versions[0] AS version, edition',
    );
    const row = result.records[0];
    return { version: row?.get('version') ?? info.protocolVersion?.toString() ?? 'unknown', edition: row?.get('edition') ?? 'unknown' };
  }

  private localNeo4jDown(): boolean {
    const local = this.lifecycle.localNeo4j?.();
    return local !== undefined && local.state !== 'running';
  }

  /** While the supervised local Neo4j is being restarted, a request answers 503 at once, saying why. */
  private failFastWhileDown(): void {
    const local = this.lifecycle.localNeo4j?.();
    if (!local || local.state === 'running') return;
    throw new AppError(
      503,
      'database-unavailable',
      'The graph database is restarting',
      `${local.reason ?? 'The local Neo4j is not running.'} Try again in a few seconds; GET /api/health says when it is back.`,
    );
  }

  /**
   * The connection pool as far as it can be told from outside: neo4j-driver keeps its pool private
   * (no public metrics in the JavaScript driver), and every query here runs in a session of its
   * own (withSession), so a session open is a connection in use, or one waiting for a connection
   * when the pool is full. Idle connections are not counted by the driver for us: the pool opens
   * one only when none is idle, so it holds at most as many as the most sessions ever open at once;
   * `idle` is that bound minus those in use (the driver may since have closed a broken one or one
   * past its lifetime, 1 h).
   */
  poolUse(): PoolUse {
    const inUse = Math.min(this.inFlight, this.maxPoolSize);
    const opened = Math.min(this.peakInFlight, this.maxPoolSize);
    return { inUse, idle: opened - inUse, waiting: this.inFlight - inUse, max: this.maxPoolSize };
  }

  private readonly closeHooks: Array<() => Promise<void>> = [];

  /** Work to do before the driver closes (e.g. dropping cached GDS projections). */
  onClose(hook: () => Promise<void>): void {
    this.closeHooks.push(hook);
  }

  async close(): Promise<void> {
    for (const hook of this.closeHooks) await hook().catch(() => {});
    await this.driver.close();
  }

  private async withSession<T>(work: (session: Session) => Promise<T>, defaultAccessMode?: SessionMode): Promise<T> {
    this.failFastWhileDown();
    const signal = this.signal;
    signal?.throwIfAborted();
    const session = this.driver.session({ database: this.database, ...(defaultAccessMode ? { defaultAccessMode } : {}) });
    let closing: Promise<void> | undefined;
    const close = () => (closing ??= session.close());
    this.inFlight += 1;
    if (this.inFlight > this.peakInFlight) this.peakInFlight = this.inFlight;
    let stop: (() => void) | undefined;
    try {
      const running = work(session);
      if (!signal) return await running;
      running.catch(() => undefined); // its failure once stopped is the stop itself
      // Closing the session is how neo4j-driver stops a query (its own executeQuery does so with
      // a signal): the driver sends RESET, and the server terminates the transaction under way.
      const stopped = new Promise<never>((_, reject) => {
        // Rejected once the server has answered the RESET: what cleans up after this (a GDS
        // projection's drop) then finds the query ended.
        stop = () => void close().finally(() => reject(signal.reason));
        signal.addEventListener('abort', stop, { once: true });
      });
      return await Promise.race([running, stopped]);
    } finally {
      if (stop) signal?.removeEventListener('abort', stop);
      this.inFlight -= 1;
      await close();
    }
  }
}
