// A new node at version 1; :Entity carries the cross-label id uniqueness constraint, which turns
// a duplicate id into a 409 (only callers who see every level may choose ids; see createNode).
CREATE (n:__LABEL__:Entity)
SET n = $props, n.version = 1, n.recordedAt = datetime()
RETURN properties(n) AS props
