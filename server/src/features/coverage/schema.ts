import { COVERAGE_LEVELS } from '@atlas/seed';
import { z } from 'zod';
import { isoDate } from '../graph/schema.js';
import { entityId } from '../responders/schema.js';

export { COVERAGE_LEVELS, type CoverageLevel } from '@atlas/seed';

export const CoverageQuery = z.object({
  level: z.enum(COVERAGE_LEVELS, { message: `one of ${COVERAGE_LEVELS.join(', ')}` }).default('continent'),
  asOf: isoDate.optional(),
  threat: entityId.optional(),
  region: entityId.optional(),
});
