// One import batch of relationships of one (from label, type, to label) group, all spliced from
// closed lists after validation; staged like mergeNodes. A row matches an existing relationship
// (same ends, type and id) only if the caller may see it: one above their clearance is left
// exactly as it is and the row is created beside it, the answer for a missing one (the rule of
// issue 12, leak 3). Only new and changed rows are returned, and rows whose end is gone: deleted
// since validation found it (`missing`), which fails the import whole (importer.ts) instead of
// leaving the row out unseen.
// A property the element lacks compares as null, which all() would carry into WHERE as null
// (neither changed nor unchanged): coalesce makes it a change, or a row that only adds a
// property would be dropped unseen.
UNWIND $rows AS row
OPTIONAL MATCH (a:__FROM__ {id: row.from})
OPTIONAL MATCH (b:__TO__ {id: row.to})
OPTIONAL MATCH (a)-[old:__TYPE__ {id: row.id}]->(b) WHERE old.sensitivity IN $allowed
WITH a, b, row, old, a IS NULL OR b IS NULL AS missing
WHERE missing OR old IS NULL
   OR NOT (all(k IN keys(row.props) WHERE coalesce(old[k] = row.props[k], false))
           AND all(k IN keys(old) WHERE k IN keys(row.props) OR k IN ['version', 'recordedAt']))
// A relationship to update is locked now and read after (see mergeNodes).
FOREACH (x IN CASE WHEN old IS NULL THEN [] ELSE [old] END | SET x.version = coalesce(x.version, 1))
WITH a, b, row, old, missing
OPTIONAL CALL (a, b, row, old, missing) {
  WITH a, b, row WHERE old IS NULL AND NOT missing
  CREATE (a)-[r:__TYPE__]->(b)
  SET r = row.props, r.stagedSensitivity = row.props.sensitivity, r.sensitivity = 'STAGED',
      r.importId = $importId, r.version = 1, r.recordedAt = datetime()
  RETURN elementId(r) AS createdRef
}
RETURN row.id AS id, missing, coalesce(createdRef, elementId(old)) AS ref, old IS NULL AS created,
       CASE WHEN old IS NULL THEN null ELSE properties(old) END AS before,
       a.sensitivity AS fromLevel, b.sensitivity AS toLevel
