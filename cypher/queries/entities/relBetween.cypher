// Relationships of one type (and participation role) between two nodes, with their levels, so
// a duplicate the caller can see is refused while one they cannot see is not revealed.
MATCH (a:__FROM__ {id: $from})-[r:__TYPE__]->(b:__TO__ {id: $to})
WHERE coalesce(r.role, '') = coalesce($role, '')
RETURN r.id AS id, r.sensitivity AS sensitivity
