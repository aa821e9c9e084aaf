// One import batch of relationships of one (from label, type, to label) group, all spliced from
// closed lists after validation; staged like mergeNodes. A row matches an existing relationship
// (same ends, type and id) only if the caller may see it: one above their clearance is left
// exactly as it is and the row is created beside it, the answer for a missing one (the rule of
// issue 12, leak 3). Only new and changed rows are returned.
UNWIND $rows AS row
MATCH (a:__FROM__ {id: row.from})
MATCH (b:__TO__ {id: row.to})
OPTIONAL MATCH (a)-[old:__TYPE__ {id: row.id}]->(b) WHERE old.sensitivity IN $allowed
WITH a, b, row, old
WHERE old IS NULL
   OR NOT (all(k IN keys(row.props) WHERE old[k] = row.props[k])
           AND all(k IN keys(old) WHERE k IN keys(row.props) OR k IN ['version', 'recordedAt']))
OPTIONAL CALL (a, b, row, old) {
  WITH a, b, row WHERE old IS NULL
  CREATE (a)-[r:__TYPE__]->(b)
  SET r = row.props, r.stagedSensitivity = row.props.sensitivity, r.sensitivity = 'STAGED',
      r.importId = $importId, r.version = 1, r.recordedAt = datetime()
  RETURN elementId(r) AS createdRef
}
RETURN row.id AS id, coalesce(createdRef, elementId(old)) AS ref, old IS NULL AS created,
       CASE WHEN old IS NULL THEN null ELSE properties(old) END AS before,
       a.sensitivity AS fromLevel, b.sensitivity AS toLevel
