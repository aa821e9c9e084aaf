import { NODE_LABELS } from '@atlas/seed';
import { z } from 'zod';

import { csvOf, isoDate } from '../../http/validate.js';

export { isoDate };

export const GraphQuery = z.object({
  labels: csvOf(NODE_LABELS, 'label').default(NODE_LABELS.filter((l) => l !== 'Source')),
  asOf: isoDate.optional(),
  limit: z.coerce.number().int().min(1).max(20_000).default(5_000),
});
