import type { Request } from 'express';
import type { z } from 'zod';
import { AppError } from '../errors.js';

/** Parses one part of a request with its zod schema and returns the parsed value (or a 400 listing every bad field). */
export function parse<S extends z.ZodType>(schema: S, req: Request, where: 'query' | 'params' | 'body'): z.infer<S> {
  const result = schema.safeParse(req[where]);
  if (!result.success) throw AppError.invalid(result.error, where === 'params' ? 'path' : where);
  return result.data;
}
