import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { SENSITIVITY } from '@atlas/seed';
import { z } from 'zod';

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

/** Time budgets of the in-memory part of the planner's analyses (the queries have ATLAS_QUERY_TIMEOUT_MS); past them, a 422 asking to narrow. */
export interface AnalysisBudgets {
  gapsMs: number;
  coverageMs: number;
}
export const DEFAULT_ANALYSIS_BUDGETS: AnalysisBudgets = { gapsMs: 30_000, coverageMs: 60_000 };

export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '::1']);

const port = (fallback: number) => z.coerce.number().int().min(0).max(65535).default(fallback);

const EnvSchema = z
  .object({
    ATLAS_HOST: z.string().min(1).default('127.0.0.1'),
    ATLAS_PORT: port(4000),
    ATLAS_DATA_DIR: z.string().min(1).default(path.join(repoRoot, '.atlas')),
    ATLAS_CLEARANCE: z.enum(SENSITIVITY).optional(),
    ATLAS_SESSION_SECRET: z.string().min(32, 'at least 32 characters (e.g. `openssl rand -base64 48`)').optional(),
    ATLAS_SESSION_HOURS: z.coerce
      .number()
      .positive()
      .max(24 * 30)
      .default(12),
    ATLAS_CORS_ORIGINS: z
      .string()
      .optional()
      .transform((v) =>
        (v ?? '')
          .split(',')
          .map((o) => o.trim())
          .filter((o) => o.length > 0),
      )
      .pipe(z.array(z.string().regex(/^https?:\/\/[^/\s]+$/, 'origins such as https://atlas.example.org, comma-separated'))),
    ATLAS_TRUST_PROXY: z.string().min(1).optional(),
    ATLAS_LOGIN_RATE_LIMIT: z.coerce.number().int().min(1).default(10),
    ATLAS_HEAVY_RATE_LIMIT: z.coerce.number().int().min(1).default(120),
    ATLAS_QUERY_TIMEOUT_MS: z.coerce.number().int().min(100).max(600_000).default(15_000),
    ATLAS_GAPS_BUDGET_MS: z.coerce.number().int().min(100).max(600_000).default(DEFAULT_ANALYSIS_BUDGETS.gapsMs),
    ATLAS_COVERAGE_BUDGET_MS: z.coerce.number().int().min(100).max(600_000).default(DEFAULT_ANALYSIS_BUDGETS.coverageMs),
    ATLAS_PLANNER_WARM: z.enum(['on', 'off'], { message: 'on or off' }).default('on'),
    ATLAS_READY_WAIT_S: z.coerce.number().int().min(0).max(3600).default(300),
    ATLAS_LOG_LEVEL: z.enum(LOG_LEVELS).default('info'),
    ATLAS_SEED: z.enum(['if-empty', 'always', 'never']).default('if-empty'),
    NEO4J_URI: z.string().url().optional(),
    NEO4J_USER: z.string().optional(),
    NEO4J_PASSWORD: z.string().optional(),
    NEO4J_DATABASE: z.string().optional(),
    NEO4J_BOLT_PORT: port(7687),
    NEO4J_HEAP: z
      .string()
      .regex(/^\d+[kmg]$/i, 'a JVM size such as 2g or 512m')
      .default('2g'),
    NEO4J_PAGECACHE: z
      .string()
      .regex(/^\d+[kmg]$/i, 'a size such as 1g or 512m')
      .default('1g'),
  })
  .superRefine((env, ctx) => {
    // Off loopback every request must sign in, and sessions must survive restarts and be signed
    // with a secret nobody can guess; index.ts also refuses to start without an admin account.
    if (!LOOPBACK.has(env.ATLAS_HOST) && env.ATLAS_SESSION_SECRET === undefined) {
      ctx.addIssue({
        code: 'custom',
        path: ['ATLAS_SESSION_SECRET'],
        message: `serving on ${env.ATLAS_HOST} (not loopback) needs sign-in configured: set ATLAS_SESSION_SECRET (32+ random characters) and create an admin with \`npm run create-admin -- --username NAME\``,
      });
    }
    if ((env.NEO4J_USER === undefined) !== (env.NEO4J_PASSWORD === undefined)) {
      ctx.addIssue({ code: 'custom', path: ['NEO4J_PASSWORD'], message: 'set NEO4J_USER and NEO4J_PASSWORD together' });
    }
  });

export type Sensitivity = (typeof SENSITIVITY)[number];

export interface Config {
  host: string;
  port: number;
  dataDir: string;
  /** Whether the server listens on loopback only (then the local admin link may be offered). */
  loopback: boolean;
  /** Clearance of the local admin of a loopback install without accounts. */
  clearance: Sensitivity;
  /** Signs session cookies; on loopback without it, a random one per run (sessions end at restart). */
  sessionSecret?: string;
  sessionTtlMs: number;
  corsOrigins: string[];
  /** Express 'trust proxy' setting, so req.secure and client addresses are right behind a TLS proxy. */
  trustProxy?: string;
  loginLimit: { max: number; windowMs: number };
  heavyQueryLimit: { max: number; windowMs: number };
  queryTimeoutMs: number;
  analysisBudgets: AnalysisBudgets;
  /** Compute the planner's default questions (whole-graph gap counts, coverage grids) in the background after start-up and after writes, and the recent questions of the kept centrality and graph answers after writes (ATLAS_PLANNER_WARM). */
  plannerWarm: boolean;
  /** Seconds start-up waits for the first answers (planner defaults, default PageRank projection) before it says ready (ATLAS_READY_WAIT_S). */
  readyWaitMs: number;
  seed: 'if-empty' | 'always' | 'never';
  /** Level of the JSON request log on stdout (ATLAS_LOG_LEVEL). */
  logLevel: LogLevel;
  neo4j:
    | { mode: 'external'; uri: string; user?: string; password?: string; database?: string }
    | { mode: 'local'; boltPort: number; heap: string; pageCache: string; database?: string };
}

export class ConfigError extends Error {}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = EnvSchema.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new ConfigError(`Invalid configuration:\n${lines.join('\n')}`);
  }
  const e = parsed.data;
  return {
    host: e.ATLAS_HOST,
    port: e.ATLAS_PORT,
    dataDir: path.resolve(e.ATLAS_DATA_DIR),
    loopback: LOOPBACK.has(e.ATLAS_HOST),
    clearance: e.ATLAS_CLEARANCE ?? 'RED',
    sessionSecret: e.ATLAS_SESSION_SECRET,
    sessionTtlMs: e.ATLAS_SESSION_HOURS * 60 * 60 * 1000,
    corsOrigins: e.ATLAS_CORS_ORIGINS,
    trustProxy: e.ATLAS_TRUST_PROXY,
    loginLimit: { max: e.ATLAS_LOGIN_RATE_LIMIT, windowMs: 15 * 60 * 1000 },
    heavyQueryLimit: { max: e.ATLAS_HEAVY_RATE_LIMIT, windowMs: 60 * 1000 },
    queryTimeoutMs: e.ATLAS_QUERY_TIMEOUT_MS,
    analysisBudgets: { gapsMs: e.ATLAS_GAPS_BUDGET_MS, coverageMs: e.ATLAS_COVERAGE_BUDGET_MS },
    plannerWarm: e.ATLAS_PLANNER_WARM === 'on',
    readyWaitMs: e.ATLAS_READY_WAIT_S * 1000,
    seed: e.ATLAS_SEED,
    logLevel: e.ATLAS_LOG_LEVEL,
    neo4j: e.NEO4J_URI
      ? { mode: 'external', uri: e.NEO4J_URI, user: e.NEO4J_USER, password: e.NEO4J_PASSWORD, database: e.NEO4J_DATABASE }
      : { mode: 'local', boltPort: e.NEO4J_BOLT_PORT, heap: e.NEO4J_HEAP, pageCache: e.NEO4J_PAGECACHE, database: e.NEO4J_DATABASE },
  };
}
