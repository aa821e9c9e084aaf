import { z } from 'zod';
import { entityId } from '../../http/validate.js';
import { isoDate } from '../graph/schema.js';

/** Region levels a grid can be drawn at (the world is a single cell, so it is not offered). */
export const COVERAGE_LEVELS = ['continent', 'subregion', 'country'] as const;
export type CoverageLevel = (typeof COVERAGE_LEVELS)[number];

export const CoverageQuery = z.object({
  level: z.enum(COVERAGE_LEVELS, { message: `one of ${COVERAGE_LEVELS.join(', ')}` }).default('continent'),
  asOf: isoDate.optional(),
  threat: entityId.optional(),
  region: entityId.optional(),
});
