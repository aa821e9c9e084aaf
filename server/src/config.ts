import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { SENSITIVITY } from '@atlas/seed';
import { z } from 'zod';

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '::1']);

const port = (fallback: number) => z.coerce.number().int().min(0).max(65535).default(fallback);

const EnvSchema = z
  .object({
    ATLAS_HOST: z.string().min(1).default('127.0.0.1'),
    ATLAS_PORT: port(4000),
    ATLAS_DATA_DIR: z.string().min(1).default(path.join(repoRoot, '.atlas')),
    ATLAS_CLEARANCE: z.enum(SENSITIVITY).optional(),
    ATLAS_QUERY_TIMEOUT_MS: z.coerce.number().int().min(100).max(600_000).default(15_000),
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
    // Until login exists, the clearance is set for the whole server; off loopback that would
    // hand everything to anyone who can reach the port, so it has to be chosen deliberately.
    if (!LOOPBACK.has(env.ATLAS_HOST) && env.ATLAS_CLEARANCE === undefined) {
      ctx.addIssue({
        code: 'custom',
        path: ['ATLAS_CLEARANCE'],
        message: `serving on ${env.ATLAS_HOST} (not loopback) needs ATLAS_CLEARANCE set explicitly (CLEAR, GREEN, AMBER or RED)`,
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
  /** Highest sensitivity level a caller sees when the request does not ask for less. */
  clearance: Sensitivity;
  queryTimeoutMs: number;
  seed: 'if-empty' | 'always' | 'never';
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
    clearance: e.ATLAS_CLEARANCE ?? 'RED',
    queryTimeoutMs: e.ATLAS_QUERY_TIMEOUT_MS,
    seed: e.ATLAS_SEED,
    neo4j: e.NEO4J_URI
      ? { mode: 'external', uri: e.NEO4J_URI, user: e.NEO4J_USER, password: e.NEO4J_PASSWORD, database: e.NEO4J_DATABASE }
      : { mode: 'local', boltPort: e.NEO4J_BOLT_PORT, heap: e.NEO4J_HEAP, pageCache: e.NEO4J_PAGECACHE, database: e.NEO4J_DATABASE },
  };
}
