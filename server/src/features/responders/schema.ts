import { z } from 'zod';
import { entityId, isoDate } from '../../http/validate.js';
import { PARTS } from '../positioning/model.js';

const weight = z.coerce
  .number({ message: 'a number between 0 and 1' })
  .min(0, 'a weight between 0 and 1')
  .max(1, 'a weight between 0 and 1')
  .optional();

/** `w.mandate=0.5` etc.: the query parser is 'simple', so the dotted names arrive as flat keys. */
const weightFields = Object.fromEntries(PARTS.map((p) => [`w.${p}`, weight])) as Record<`w.${(typeof PARTS)[number]}`, typeof weight>;

export const RespondersQuery = z
  .object({
    threat: entityId,
    region: entityId,
    asOf: isoDate.optional(),
    limit: z.coerce.number().int().min(1).max(200).default(25),
    ...weightFields,
  })
  .refine((q) => !PARTS.every((p) => q[`w.${p}`] === 0), {
    message: 'at least one weight must be above 0',
    path: ['w.mandate'],
  });

export type RespondersQuery = z.infer<typeof RespondersQuery>;
