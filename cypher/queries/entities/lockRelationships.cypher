// Takes the write locks of relationships by element id (see lockNodes), before importHolds.
UNWIND $refs AS ref
MATCH ()-[r]->()
WHERE elementId(r) = ref
SET r.version = coalesce(r.version, 1)
RETURN count(r) AS locked
