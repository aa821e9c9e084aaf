// The imports in flight that hold on these nodes (by id): a relationship one of them wrote touches
// the node, either staged itself (between two existing nodes, mergeRelationships) or written at
// its real level with the import's staged node at its other end (createRelationships). Publishing
// removes importId from both, so a published import holds nothing; a rolled-back one left nothing.
// Run after the nodes' write locks are taken (nodeLock, lockNodes): Neo4j 5 takes a created
// relationship's end locks when it commits, so an import's relationship committed before is seen
// here, and one committing later waits for this transaction; if this one then deletes the node,
// the two deadlock and Neo4j rolls one back (the driver runs it again: refused here, or the import
// finds the node gone and fails whole, transfer/importer.ts).
UNWIND $ids AS id
MATCH (n:Entity {id: id})-[r]-(m)
WHERE r.importId IS NOT NULL OR m.importId IS NOT NULL
RETURN DISTINCT coalesce(r.importId, m.importId) AS importId
ORDER BY importId
