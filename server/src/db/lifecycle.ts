/**
 * What the health endpoints report besides a live probe: whether start-up has warmed the query
 * plans yet, and, when the API runs its own local Neo4j, whether that process is up or being
 * restarted. An app built without start-up (tests, benchmarks) has nothing to wait for.
 */
export type WarmUp = { state: 'not-started' | 'done' } | { state: 'warming'; done: number; total: number };

export interface LocalNeo4jStatus {
  state: 'running' | 'restarting' | 'stopped';
  reason: string | null;
  restarts: number;
}

export class Lifecycle {
  warmUp: WarmUp = { state: 'not-started' };
  /**
   * The first answers computed at start-up (the planner's default questions, the default
   * centrality projection): what a first visitor asks for would otherwise wait or come back 503.
   */
  firstAnswers: WarmUp & { pending?: string[] } = { state: 'not-started' };
  /** Set when the API supervises a local Neo4j. */
  localNeo4j: (() => LocalNeo4jStatus) | undefined;

  /** Why the API is not ready for traffic yet (empty when it is), apart from reachability. */
  notReadyBecause(): string[] {
    const reasons: string[] = [];
    if (this.warmUp.state === 'warming') {
      reasons.push(`warming up query plans (${this.warmUp.done} of ${this.warmUp.total} done)`);
    }
    if (this.firstAnswers.state === 'warming') {
      const pending = this.firstAnswers.pending?.length ? `: ${this.firstAnswers.pending.join(', ')}` : '';
      reasons.push(`computing the first answers (${this.firstAnswers.done} of ${this.firstAnswers.total} done${pending})`);
    }
    const local = this.localNeo4j?.();
    if (local && local.state !== 'running') reasons.push(local.reason ?? `the local Neo4j is ${local.state}`);
    return reasons;
  }
}
