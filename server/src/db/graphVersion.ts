import type { ManagedTransaction } from 'neo4j-driver';
import type { Database } from './database.js';
import { defineQueries } from './queries.js';

const q = defineQueries('version', ['bump', 'read']);

/**
 * The graph's version, as stored in Neo4j: a token that changes in the same transaction as every
 * write that may change the graph (entities, imports and their undo, seeding), made through any
 * API process, with the graph's node and relationship counts (version/read.cypher), so a node or
 * relationship created or deleted outside the API is another version too (a property changed
 * outside is not: POST /api/graph/changed). A cache of something derived from the graph (GDS
 * projections, kept answers) keys on it, so a write through another process invalidates it too.
 * One indexed read and seven count-store lookups, no scan.
 */
export async function graphVersionIn(tx: Pick<ManagedTransaction, 'run'>): Promise<string> {
  const result = await tx.run(q.read);
  return (result.records[0]?.get('version') as string | undefined) ?? '';
}

/** graphVersionIn in a read transaction of its own. */
export function readGraphVersion(db: Database): Promise<string> {
  return db.readTransaction((tx) => graphVersionIn(tx));
}

/**
 * Why work derived from the graph was stopped: a newer graph version was seen, so its answer could
 * never be served (the background work of features/centrality/kept.ts and features/planner/cache.ts).
 */
export class Superseded extends Error {
  constructor() {
    super('the graph changed while this was being computed');
    this.name = 'Superseded';
  }
}

/** Changes the version; Database runs it last in each graph write transaction. */
export async function bumpGraphVersion(tx: Pick<ManagedTransaction, 'run'>): Promise<void> {
  await tx.run(q.bump);
}

/**
 * The graph version for requests that key answers on it (the actor's answer, features/actors/cache.ts),
 * read as one auto-commit statement. Every caller gets a version read by a statement that *began
 * after* its call, so a write committed (through any process) before a request arrived is always
 * seen; concurrent callers share reads: while one is in flight, newcomers wait for the next, which
 * starts as soon as it ends. Under load that is one version read per round trip, not one per request.
 */
export class GraphVersionReader {
  private inFlight: Promise<string> | undefined;
  private next: Promise<string> | undefined;

  constructor(private readonly db: Database) {}

  current(): Promise<string> {
    if (!this.inFlight) return this.start();
    // The read under way may have begun before a write this caller must see: wait for the next one.
    this.next ??= this.inFlight.then(settled, settled).then(() => {
      this.next = undefined;
      return this.inFlight ?? this.start();
    });
    return this.next;
  }

  private start(): Promise<string> {
    const read = this.db.read<{ version: string }>(q.read).then((result) => result.records[0]?.get('version') ?? '');
    const tracked = read.finally(() => {
      if (this.inFlight === tracked) this.inFlight = undefined;
    });
    this.inFlight = tracked;
    return tracked;
  }
}

const settled = () => undefined;
