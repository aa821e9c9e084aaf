import neo4j, { type Driver, type ManagedTransaction, type QueryResult, type RecordShape } from 'neo4j-driver';
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
}

export type Params = Record<string, unknown>;

/**
 * An unreachable database must cost a request about a second, not the driver's defaults (30 s of
 * managed-transaction retries, plus 30 s per connection attempt to a silent host): a refused or
 * timed-out connection is retried once after about a second (the retry delay starts at 1 s, and
 * no second retry fits in this budget), then the request answers 503.
 */
const DRIVER_TIMEOUTS = { maxTransactionRetryTime: 700, connectionTimeout: 600 } as const;

/**
 * The only door to Neo4j: reads go through executeRead and writes through executeWrite, so a
 * cluster can route reads to followers; every transaction carries the configured timeout.
 */
export class Database {
  readonly driver: Driver;
  readonly database: string | undefined;
  /** Every transaction's time budget; the in-process centrality engine keeps to it too. */
  readonly timeoutMs: number;
  /** Warm-up and local-Neo4j supervision state, for the health endpoints and fast failure. */
  readonly lifecycle = new Lifecycle();
  /** Sessions open right now (each runs one transaction or statement), for GET /metrics. */
  inFlight = 0;

  constructor(options: DatabaseOptions) {
    const auth = options.user ? neo4j.auth.basic(options.user, options.password ?? '') : undefined;
    this.driver = neo4j.driver(options.uri, auth, { disableLosslessIntegers: true, userAgent: 'stakeholder-atlas', ...DRIVER_TIMEOUTS });
    this.database = options.database;
    this.timeoutMs = options.queryTimeoutMs;
  }

  async read<R extends RecordShape = RecordShape>(query: string, params: Params = {}, timeoutMs = this.timeoutMs): Promise<QueryResult<R>> {
    return this.withSession((session) => session.executeRead((tx) => tx.run<R>(query, params), { timeout: timeoutMs }));
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

  private readonly closeHooks: Array<() => Promise<void>> = [];

  /** Work to do before the driver closes (e.g. dropping cached GDS projections). */
  onClose(hook: () => Promise<void>): void {
    this.closeHooks.push(hook);
  }

  async close(): Promise<void> {
    for (const hook of this.closeHooks) await hook().catch(() => {});
    await this.driver.close();
  }

  private async withSession<T>(work: (session: ReturnType<Driver['session']>) => Promise<T>): Promise<T> {
    this.failFastWhileDown();
    const session = this.driver.session({ database: this.database });
    this.inFlight += 1;
    try {
      return await work(session);
    } finally {
      this.inFlight -= 1;
      await session.close();
    }
  }
}
