// Publishing the updates of a committed import: each node takes the state the import read from
// the file, one version above the one it had when staged; a node changed since then (another
// version) is left alone. Idempotent, so a resumed publish is safe. Returns the refs it applied,
// which get their audit entries in the same transaction.
UNWIND $rows AS row
MATCH (n) WHERE elementId(n) = row.ref AND coalesce(n.version, 0) = row.beforeVersion
SET n = row.after
SET n.version = row.beforeVersion + 1, n.recordedAt = datetime()
RETURN row.ref AS ref
