// Takes the node's write lock before reading it (a SET whose right side reads the property
// locks first), so the version check that follows in the same transaction cannot be raced:
// concurrent edits of one version serialize here and only the first passes the check.
MATCH (n:__LABEL__ {id: $id})
SET n.version = coalesce(n.version, 1)
RETURN properties(n) AS props
