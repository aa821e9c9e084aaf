import { z } from 'zod';
import type { Database } from '../../../db/database.js';
import { defineQueries } from '../../../db/queries.js';
import { AppError } from '../../../errors.js';
import type { Caller } from '../../../http/caller.js';
import { IMPORT_FORMATS, type ImportFormat, isAtlasGraphml } from '../sources.js';
import { MAPPING_FIELDS, NetworkMapping, networkFromFile, PartialMapping, type ResolvedMapping } from './mapping.js';

const q = defineQueries('transfer', ['saveMapping', 'findMapping', 'listMappings']);

export const MappingName = z.string().regex(/^[A-Za-z0-9_.-]{1,80}$/, 'letters, digits, _ . and - (1 to 80)');

const MAPPING_KEYS = Object.keys(MAPPING_FIELDS) as (keyof typeof MAPPING_FIELDS)[];

/**
 * An import's query: the format, and for a plain network its mapping, field by field and/or a
 * saved mapping by name (the fields given win over the saved ones); `file` names the upload in
 * problems and generated descriptions, and gives the network its default name.
 */
export const ImportQuery = z.object({
  format: z.enum(IMPORT_FORMATS).default('json'),
  mapping: MappingName.optional(),
  file: z.string().min(1).max(200).optional(),
  ...MAPPING_FIELDS,
  directed: z.stringbool({ error: "'true' or 'false'" }).optional(),
});
export type ImportQuery = z.infer<typeof ImportQuery>;

export const SaveMappingBody = z.strictObject({
  mapping: PartialMapping,
  shared: z.boolean().default(false),
});
export const MappingParams = z.object({ name: MappingName });

/**
 * The mapping of a plain-network import, or null when the file carries the atlas model (json,
 * kumu, and a GraphML file that declares atlas keys and was given no mapping field).
 */
export async function mappingFor(
  db: Database,
  caller: Caller,
  query: ImportQuery,
  format: ImportFormat,
  spooled: string,
  fileName: string,
): Promise<ResolvedMapping | null> {
  if (format === 'json' || format === 'kumu') return null;
  const given = Object.fromEntries(MAPPING_KEYS.flatMap((k) => (query[k] === undefined ? [] : [[k, query[k]]])));
  if (format === 'graphml' && !query.mapping && Object.keys(given).length === 0 && (await isAtlasGraphml(spooled))) return null;
  const saved = query.mapping ? await findMapping(db, caller, query.mapping) : {};
  const mapping = NetworkMapping.parse({ ...saved, ...given });
  return { ...mapping, network: mapping.network ?? networkFromFile(fileName) };
}

async function findMapping(db: Database, caller: Caller, name: string): Promise<PartialMapping> {
  const row = (await db.read(q.findMapping, { name, owner: caller.userId, allowed: caller.allowed })).records[0];
  if (!row) {
    throw new AppError(
      404,
      'not-found',
      'No such mapping',
      `No saved mapping '${name}' that you may use; GET /api/import/mappings lists them.`,
      [{ field: 'query.mapping', message: `no saved mapping named '${name}' of yours or shared with you` }],
    );
  }
  return PartialMapping.parse(JSON.parse(row.get('mapping') as string));
}

export async function saveMapping(db: Database, caller: Caller, name: string, body: z.infer<typeof SaveMappingBody>): Promise<void> {
  const level = body.mapping.sensitivity ?? 'CLEAR';
  if (!caller.allowed.includes(level)) {
    throw new AppError(400, 'invalid-request', 'Invalid request', 'A mapping cannot be saved above your own clearance.', [
      { field: 'body.mapping.sensitivity', message: `'${level}' is above your clearance; one of ${caller.allowed.join(', ')}` },
    ]);
  }
  await db.write(q.saveMapping, { name, owner: caller.userId, mapping: JSON.stringify(body.mapping), shared: body.shared, level });
}

export async function listMappings(db: Database, caller: Caller) {
  const result = await db.read(q.listMappings, { owner: caller.userId, allowed: caller.allowed });
  return result.records.map((r) => ({
    name: r.get('name') as string,
    mapping: JSON.parse(r.get('mapping') as string) as PartialMapping,
    shared: r.get('shared') as boolean,
    mine: r.get('mine') as boolean,
    savedAt: r.get('savedAt') as string,
  }));
}
