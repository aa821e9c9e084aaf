// Undoes a failed import's relationship changes: created ones are deleted, rewritten ones get
// their earlier properties, version and recordedAt back (dropEntries then removes the entries).
UNWIND $rows AS row
OPTIONAL MATCH ()-[r]->() WHERE elementId(r) = row.ref
FOREACH (_ IN CASE WHEN r IS NOT NULL AND row.before IS NULL THEN [1] ELSE [] END | DELETE r)
FOREACH (_ IN CASE WHEN r IS NOT NULL AND row.before IS NOT NULL THEN [1] ELSE [] END |
  SET r = row.before
  SET r.version = row.beforeVersion, r.recordedAt = datetime(row.beforeRecordedAt))
RETURN count(*) AS undone
