// A new node at version 1; the id uniqueness constraint turns a duplicate id into a 409.
CREATE (n:__LABEL__)
SET n = $props, n.version = 1, n.recordedAt = datetime()
RETURN properties(n) AS props
