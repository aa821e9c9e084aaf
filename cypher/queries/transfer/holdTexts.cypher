// Records what an import's texts are checked against: the existing nodes its relationships touch
// (validate.ts, the ends only the database holds), whose levels the check counts. Each node's
// write lock is taken first (a SET whose right side reads the property), then its level read and an
// ImportTextHold written, in one transaction: an edit of the node that committed before is read
// here (its new level), one holding the lock is waited for, and one coming after finds the hold
// (entities/importHolds.cypher) and is refused. Dropped when the import ends (dropTextHolds).
// A dry run ($hold false) only reads the levels: it writes nothing and holds nothing.
UNWIND $ids AS id
MATCH (n:Entity {id: id})
FOREACH (_ IN CASE WHEN $hold THEN [1] ELSE [] END |
  SET n.version = coalesce(n.version, 1)
  CREATE (:ImportTextHold {importId: $importId, nodeId: id}))
RETURN n.id AS id, n.sensitivity AS sensitivity
