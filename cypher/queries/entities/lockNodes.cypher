// Takes the write locks of nodes by id, as nodeLock does for one (a SET whose right side reads
// the property locks first), so that a check that follows in the same transaction (importHolds)
// cannot be raced by a transaction that would tie something to them.
UNWIND $ids AS id
MATCH (n:Entity {id: id})
SET n.version = coalesce(n.version, 1)
RETURN count(n) AS locked
