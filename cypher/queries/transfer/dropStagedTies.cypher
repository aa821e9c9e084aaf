// Rolling back an import: the relationships still attached to some of its staged nodes go,
// $limit at a time, before the nodes themselves (a DETACH DELETE of 10k nodes with a dense one
// once overflowed Neo4j's transaction memory pool). Normally none are left by then: the
// relationship batches, dropped first, listed them all.
UNWIND $refs AS ref
MATCH (n) WHERE elementId(n) = ref AND n.importId = $importId
MATCH (n)-[r]-()
WITH DISTINCT r LIMIT $limit
DELETE r
RETURN count(r) AS dropped
