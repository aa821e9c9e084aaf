// Publishing the updates of a committed import to relationships (see applyNodeUpdates). The ends'
// levels as published (the same import may have raised one) set the audit entry's level.
UNWIND $rows AS row
MATCH ()-[r]->() WHERE elementId(r) = row.ref AND coalesce(r.version, 0) = row.beforeVersion
SET r = row.after
SET r.version = row.beforeVersion + 1, r.recordedAt = datetime()
RETURN row.ref AS ref, startNode(r).sensitivity AS fromLevel, endNode(r).sensitivity AS toLevel
