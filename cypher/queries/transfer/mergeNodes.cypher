// One import batch of nodes of one label (spliced from NODE_LABELS): MERGE on id, and only when
// the properties differ is the node rewritten and its version bumped, so re-importing a file
// changes nothing. Returns the changed rows (before/after) for the audit trail and rollback.
UNWIND $rows AS row
OPTIONAL MATCH (old:__LABEL__ {id: row.id})
WITH row, CASE WHEN old IS NULL THEN null ELSE properties(old) END AS before
MERGE (n:__LABEL__ {id: row.id})
WITH n, row, before,
     before IS NOT NULL
       AND all(k IN keys(row.props) WHERE before[k] = row.props[k])
       AND all(k IN keys(before) WHERE k IN keys(row.props) OR k IN ['version', 'recordedAt']) AS same
WHERE NOT same
SET n = row.props, n:Entity
SET n.version = coalesce(before.version, 0) + 1, n.recordedAt = datetime()
RETURN row.id AS id, elementId(n) AS ref, before, properties(n) AS after, n.sensitivity AS level
