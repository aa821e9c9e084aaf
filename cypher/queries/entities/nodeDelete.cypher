// Removes a node and its relationships (already audited by the caller of this query).
MATCH (n:__LABEL__ {id: $id})
DETACH DELETE n
RETURN count(*) AS deleted
