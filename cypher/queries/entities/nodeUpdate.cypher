// Replaces the node's properties with the validated merged state and bumps its version
// (called after nodeLock checked the version in the same transaction).
MATCH (n:__LABEL__ {id: $id})
SET n = $props
SET n.version = $version, n.recordedAt = datetime()
RETURN properties(n) AS props
