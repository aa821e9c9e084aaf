import { readFileSync } from 'node:fs';
import path from 'node:path';
import { repoRoot } from '../config.js';

const queriesDir = path.join(repoRoot, 'cypher', 'queries');

/** Every query file read so far, by 'feature/name', so start-up can plan them all ahead. */
export const loadedQueries = new Map<string, string>();

/**
 * Features whose queries keep the app's own state (accounts, sessions, sign-in throttles, rate
 * limits), never the graph: their writes leave the graph version alone (db/graphVersion.ts), so
 * a sign-in or a rate-limit count does not invalidate every cached projection.
 */
const APP_STATE_FEATURES = new Set(['auth', 'ratelimit']);
const appStateQueries = new Set<string>();

/** False for a query of an app-state feature (see APP_STATE_FEATURES); true for any other text. */
export const mayChangeGraph = (query: string): boolean => !appStateQueries.has(query);

/**
 * Reads the named `.cypher` files of one feature when the feature module is imported, so a
 * missing or empty file stops start-up instead of failing the first request that needs it.
 */
export function defineQueries<const N extends string>(feature: string, names: readonly N[]): Record<N, string> {
  const entries = names.map((name) => {
    const file = path.join(queriesDir, feature, `${name}.cypher`);
    let text: string;
    try {
      text = readFileSync(file, 'utf8');
    } catch {
      throw new Error(`Missing Cypher query file ${path.relative(repoRoot, file)}`);
    }
    const body = stripComments(text);
    if (body.length === 0) throw new Error(`Empty Cypher query file ${path.relative(repoRoot, file)}`);
    loadedQueries.set(`${feature}/${name}`, body);
    if (APP_STATE_FEATURES.has(feature)) appStateQueries.add(body);
    return [name, body] as const;
  });
  return Object.fromEntries(entries) as Record<N, string>;
}

export function stripComments(text: string): string {
  return text
    .split('\n')
    .filter((line) => !line.trimStart().startsWith('//'))
    .join('\n')
    .trim();
}

/**
 * Fills the `{{name}}` slots of a query with fixed text chosen by the server from closed sets
 * (an arrow, a bound, a keyword): what Cypher cannot take as a parameter. Never request values:
 * those are `$params`. A slot without a value is a programming error.
 */
export function fillSlots(query: string, values: Record<string, string>): string {
  return query.replace(/\{\{(\w+)\}\}/g, (_, name: string) => {
    const value = values[name];
    if (value === undefined) throw new Error(`query slot {{${name}}} has no value`);
    return value;
  });
}
