// Rolling back an import that never committed: the relationships it wrote at their real level
// (createRelationships) go. Each has an end this import staged, which the check requires, so a
// ref is never taken for another relationship (nothing else can touch an invisible staged node).
UNWIND $refs AS ref
MATCH (a)-[r]->(b) WHERE elementId(r) = ref AND (a.importId = $importId OR b.importId = $importId)
DELETE r
RETURN count(r) AS dropped
