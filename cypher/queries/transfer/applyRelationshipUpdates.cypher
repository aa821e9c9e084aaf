// Publishing the updates of a committed import to relationships (see applyNodeUpdates).
UNWIND $rows AS row
MATCH ()-[r]->() WHERE elementId(r) = row.ref AND coalesce(r.version, 0) = row.beforeVersion
SET r = row.after
SET r.version = row.beforeVersion + 1, r.recordedAt = datetime()
RETURN count(r) AS updated
