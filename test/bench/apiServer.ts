// The API under benchmark, in its own Node process (compiled to JavaScript by apiProcess.ts), so its
// peak memory (VmHWM) is the API's alone, not the benchmark's generator's; a computation that
// blocks it past its time box is stopped by killing the process, without losing the bench.
// BENCH_PRODUCTION=1 configures it as index.ts does (accounts and sessions, the heavy-query
// budget kept in Neo4j, the JSON request log at info), so every per-request cost is paid; the
// log goes to /dev/null and the budget is too large to refuse anything.
import { createServer } from 'node:http';
import pino from 'pino';
import { createApp } from '../../server/src/app.js';
import { Database } from '../../server/src/db/database.js';
import { randomSecret } from '../../server/src/features/auth/tokens.js';
import { serveToParent } from './childServer.js';

const uri = process.env.BENCH_NEO4J_URI as string;
const queryTimeoutMs = Number(process.env.BENCH_QUERY_TIMEOUT_MS);
const db = new Database({ uri, queryTimeoutMs });
const production = process.env.BENCH_PRODUCTION === '1';
// BENCH_CLEARANCE: every request's clearance (default RED), to measure what a lower clearance sees.
const clearance = (process.env.BENCH_CLEARANCE ?? 'RED') as 'CLEAR' | 'GREEN' | 'AMBER' | 'RED';
const app = createApp({
  db,
  clearance,
  ...(production
    ? {
        auth: { sessionSecret: randomSecret(48) },
        heavyQueryLimit: { max: 1_000_000_000, windowMs: 60_000 },
        // Written as index.ts writes it (pino's default destination writes each line at once), to /dev/null.
        log: { level: 'info', destination: pino.destination({ dest: '/dev/null', sync: true }) },
      }
    : {}),
});
// Exits after closing, so a CPU profile (BENCH_API_PROFILE) is written before the parent's kill.
serveToParent(createServer(app), () => db.close());
