import neo4j from 'neo4j-driver';

const { isDate, isDateTime, isLocalDateTime, isInt } = neo4j;

/** Turns driver values (temporal types, Integers, nested maps) into plain JSON-ready values. */
export function toPlain(value: unknown): unknown {
  if (value === null || value === undefined) return value ?? null;
  if (Array.isArray(value)) return value.map(toPlain);
  if (isInt(value as object)) return (value as { toNumber(): number }).toNumber();
  if (isDate(value as object) || isDateTime(value as object) || isLocalDateTime(value as object)) return String(value);
  if (typeof value === 'object') {
    return Object.fromEntries(Object.entries(value as Record<string, unknown>).map(([k, v]) => [k, toPlain(v)]));
  }
  return value;
}

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** A 'YYYY-MM-DD' string as a Neo4j DATE, so comparisons in Cypher are date comparisons. */
export function toNeo4jDate(value: string): InstanceType<typeof neo4j.types.Date> {
  const m = ISO_DATE.exec(value);
  if (!m) throw new Error(`not an ISO date: ${value}`);
  return new neo4j.types.Date(Number(m[1]), Number(m[2]), Number(m[3]));
}

export const isIsoDate = (value: unknown): value is string => typeof value === 'string' && ISO_DATE.test(value);

/** Whole numbers bound for LIMIT, SKIP or hop counts must reach Cypher as integers, not floats. */
export const int = (value: number) => neo4j.int(value);
