import { NODE_LABELS } from '@atlas/seed';
import { z } from 'zod';

export const isoDate = z.iso.date({ message: 'a date as YYYY-MM-DD' });

const labelList = z
  .string()
  .transform((s) =>
    s
      .split(',')
      .map((l) => l.trim())
      .filter(Boolean),
  )
  .pipe(z.array(z.enum(NODE_LABELS, { message: `each label one of ${NODE_LABELS.join(', ')}` })).min(1));

export const GraphQuery = z.object({
  labels: labelList.default(NODE_LABELS.filter((l) => l !== 'Source')),
  asOf: isoDate.optional(),
  limit: z.coerce.number().int().min(1).max(20_000).default(5_000),
});
