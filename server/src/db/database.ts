import neo4j, { type Driver, type ManagedTransaction, type QueryResult, type RecordShape } from 'neo4j-driver';

export interface DatabaseOptions {
  uri: string;
  user?: string;
  password?: string;
  database?: string;
  queryTimeoutMs: number;
}

export type Params = Record<string, unknown>;

/**
 * The only door to Neo4j: reads go through executeRead and writes through executeWrite, so a
 * cluster can route reads to followers; every transaction carries the configured timeout.
 */
export class Database {
  readonly driver: Driver;
  readonly database: string | undefined;
  /** Every transaction's time budget; the in-process centrality engine keeps to it too. */
  readonly timeoutMs: number;

  constructor(options: DatabaseOptions) {
    const auth = options.user ? neo4j.auth.basic(options.user, options.password ?? '') : undefined;
    this.driver = neo4j.driver(options.uri, auth, { disableLosslessIntegers: true, userAgent: 'stakeholder-atlas' });
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
    return this.withSession((session) => session.executeWrite((tx) => tx.run<R>(query, params), { timeout: timeoutMs }));
  }

  /** Several reads in one transaction, so they see one consistent snapshot. */
  async readTransaction<T>(work: (tx: ManagedTransaction) => Promise<T>, timeoutMs = this.timeoutMs): Promise<T> {
    return this.withSession((session) => session.executeRead(work, { timeout: timeoutMs }));
  }

  /** Several statements in one write transaction: all of them land or none does. */
  async writeTransaction<T>(work: (tx: ManagedTransaction) => Promise<T>, timeoutMs = this.timeoutMs): Promise<T> {
    return this.withSession((session) => session.executeWrite(work, { timeout: timeoutMs }));
  }

  /** Schema commands cannot run inside a managed transaction with other writes; run them one by one. */
  async runAutoCommit(query: string, params: Params = {}): Promise<void> {
    await this.withSession(async (session) => {
      await session.run(query, params);
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

  async close(): Promise<void> {
    await this.driver.close();
  }

  private async withSession<T>(work: (session: ReturnType<Driver['session']>) => Promise<T>): Promise<T> {
    const session = this.driver.session({ database: this.database });
    try {
      return await work(session);
    } finally {
      await session.close();
    }
  }
}
