import type { Request } from 'express';
import { z } from 'zod';
import { AppError } from '../errors.js';

/** Parses one part of a request with its zod schema and returns the parsed value (or a 400 listing every bad field). */
export function parse<S extends z.ZodType>(schema: S, req: Request, where: 'query' | 'params' | 'body'): z.infer<S> {
  const result = schema.safeParse(req[where]);
  if (!result.success) throw AppError.invalid(result.error, where === 'params' ? 'path' : where);
  return result.data;
}

export const isoDate = z.iso.date({ message: 'a date as YYYY-MM-DD' });

/** The one validator of an entity id in a request (actors, threats, regions...): what ids may contain, before any lookup. */
export const entityId = z
  .string()
  .trim()
  .min(1)
  .max(200)
  .regex(/^[A-Za-z0-9_.:-]+$/, 'letters, digits and . _ : - only');

/** Today's date (UTC) as YYYY-MM-DD: the default asOf, so facts that have ended are left out. */
export const today = (): string => new Date().toISOString().slice(0, 10);

/** A comma-separated query value whose every item must come from a closed set (labels, types, kinds). */
export function csvOf<const T extends readonly [string, ...string[]]>(allowed: T, what: string) {
  return z
    .string()
    .transform((s) =>
      s
        .split(',')
        .map((x) => x.trim())
        .filter(Boolean),
    )
    .pipe(z.array(z.enum(allowed, { message: `each ${what} one of ${allowed.join(', ')}` })).min(1, `at least one ${what}`));
}
