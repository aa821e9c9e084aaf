// Undoes a failed import's node changes (see undoRelationships); a node the import created is
// removed with any relationship it still has.
UNWIND $rows AS row
OPTIONAL MATCH (n) WHERE elementId(n) = row.ref
FOREACH (_ IN CASE WHEN n IS NOT NULL AND row.before IS NULL THEN [1] ELSE [] END | DETACH DELETE n)
FOREACH (_ IN CASE WHEN n IS NOT NULL AND row.before IS NOT NULL THEN [1] ELSE [] END |
  SET n = row.before
  SET n.version = row.beforeVersion, n.recordedAt = datetime(row.beforeRecordedAt))
RETURN count(*) AS undone
