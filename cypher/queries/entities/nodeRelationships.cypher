// The relationships a node deletion would remove, so each can be audited (and the deletion
// refused when one of them, or its other end, is beyond the caller's clearance).
MATCH (n:__LABEL__ {id: $id})-[r]-()
RETURN type(r) AS type, startNode(r).id AS from, endNode(r).id AS to, properties(r) AS props,
       r.sensitivity IN $allowed AND startNode(r).sensitivity IN $allowed AND endNode(r).sensitivity IN $allowed AS visible
