// "Deletes" a node for a caller who cannot see all its ties: removes the ties the caller sees
// (already audited) and lifts the node to $sensitivity, the lowest level of the hidden ties,
// so it is gone for the caller while the hidden ties stay whole (see deleteNode).
MATCH (n:__LABEL__ {id: $id})
OPTIONAL MATCH (n)-[r]-(m)
WHERE r.sensitivity IN $allowed AND m.sensitivity IN $allowed
DELETE r
WITH DISTINCT n
SET n.sensitivity = $sensitivity, n.version = $version, n.recordedAt = datetime()
RETURN properties(n) AS props
