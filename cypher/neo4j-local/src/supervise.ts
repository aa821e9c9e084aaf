/**
 * The local Neo4j kept running: when its JVM dies without being asked to stop (a crash, the OOM
 * killer, a stray kill), it is started again on the same Bolt port and data folder, after a
 * backoff that doubles per failed attempt (1 s up to 30 s), so a driver pointed at the same URI
 * reconnects by itself and the API needs no restart.
 */
import { type LocalNeo4j, type StartLocalNeo4jOptions, startLocalNeo4j } from './index.js';

export interface SupervisedNeo4j {
  uri: string;
  boltPort: number;
  version: string;
  plugins: LocalNeo4j['plugins'];
  /** 'running', or 'restarting' with why while the JVM is down. */
  status(): { state: 'running' | 'restarting' | 'stopped'; reason: string | null; restarts: number };
  stop(): Promise<void>;
}

const FIRST_BACKOFF_MS = 1_000;
const MAX_BACKOFF_MS = 30_000;

export async function superviseLocalNeo4j(
  options: StartLocalNeo4jOptions,
  /** Called after each restart (e.g. to warm query plans again). */
  onRestart: () => void = () => {},
): Promise<SupervisedNeo4j> {
  const log = options.log ?? (() => {});
  let current = await startLocalNeo4j(options);
  // Restarts reuse the port the first start got, even when any free port (0) was asked for.
  const again: StartLocalNeo4jOptions = { ...options, boltPort: current.boltPort };
  let state: 'running' | 'restarting' | 'stopped' = 'running';
  let reason: string | null = null;
  let restarts = 0;
  let wake: (() => void) | null = null;

  const pause = (ms: number) =>
    new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, ms);
      wake = () => {
        clearTimeout(timer);
        resolve();
      };
    });

  const watch = (instance: LocalNeo4j) => {
    void instance.exited.then(() => {
      if (state === 'stopped') return;
      state = 'restarting';
      reason = `the local Neo4j exited unexpectedly at ${new Date().toISOString()}; restarting it`;
      log(`[neo4j-local] ${reason}`);
      void restart();
    });
  };

  const restart = async () => {
    for (let backoff = FIRST_BACKOFF_MS; state === 'restarting'; backoff = Math.min(MAX_BACKOFF_MS, backoff * 2)) {
      await pause(backoff);
      if (state !== 'restarting') return;
      try {
        current = await startLocalNeo4j(again);
        restarts += 1;
        if (state !== 'restarting') {
          await current.stop();
          return;
        }
        state = 'running';
        reason = null;
        log(`[neo4j-local] Neo4j restarted (restart ${restarts})`);
        watch(current);
        onRestart();
        return;
      } catch (error) {
        reason = `the local Neo4j is down and could not be restarted yet (${error instanceof Error ? error.message.split('\n')[0] : String(error)}); next attempt in ${Math.min(MAX_BACKOFF_MS, backoff * 2) / 1000} s`;
        log(`[neo4j-local] ${reason}`);
      }
    }
  };

  watch(current);
  return {
    uri: current.uri,
    boltPort: current.boltPort,
    version: current.version,
    plugins: current.plugins,
    status: () => ({ state, reason, restarts }),
    stop: async () => {
      state = 'stopped';
      (wake as (() => void) | null)?.();
      await current.stop();
    },
  };
}
