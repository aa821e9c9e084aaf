// One import batch of nodes of one label (spliced from NODE_LABELS), staged: a new node is
// created invisible (sensitivity 'STAGED', a level no caller is allowed, so every read's
// clearance predicate skips it; the row's level waits in stagedSensitivity) and tagged with the
// import's id until publishNodes flips it. An existing node is compared in the same pass and only
// returned, with its stored state, when the row differs: the update itself waits for the commit
// (applyNodeUpdates), so nothing of an unfinished import is visible. Validation has given a row
// whose id names a node the caller may not see a server-made id (or refused it, for a caller who
// sees every level); `n.sensitivity IN $allowed` keeps a race from touching one.
// A property the element lacks compares as null, which all() would carry into WHERE as null
// (neither changed nor unchanged): coalesce makes it a change, or a row that only adds a
// property would be dropped unseen.
UNWIND $rows AS row
MERGE (n:__LABEL__ {id: row.id})
  ON CREATE SET n = row.props, n:Entity, n.stagedSensitivity = row.props.sensitivity, n.sensitivity = 'STAGED',
                n.importId = $importId, n.version = 1, n.recordedAt = datetime()
WITH n, row, n.importId = $importId AS created
WITH n, row, created
WHERE created OR (n.sensitivity IN $allowed
  AND NOT (all(k IN keys(row.props) WHERE coalesce(n[k] = row.props[k], false))
           AND all(k IN keys(n) WHERE k IN keys(row.props) OR k IN ['version', 'recordedAt'])))
// A node to update is locked now (as nodeLock does) and read after: an edit waiting for the lock
// then finds this batch's update (importHolds), an edit holding it is read as the state before.
SET n.version = coalesce(n.version, 1)
RETURN row.id AS id, elementId(n) AS ref, created,
       CASE WHEN created THEN null ELSE properties(n) END AS before
