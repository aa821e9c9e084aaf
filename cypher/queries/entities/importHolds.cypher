// The imports in flight (staging, or committed and still publishing) that hold on these elements
// (by id; $kind 'node' or 'relationship'). A node is held by a relationship one of them wrote that
// touches it: staged itself (between two existing nodes, mergeRelationships) or written at its
// real level with the import's staged node at its other end (createRelationships); publishing
// removes importId from both, so a published import holds nothing, and a rolled-back one left
// nothing. A node or relationship is also held by an update one of them staged (a batch's
// updatedIds): applied when it publishes, only to the version it read (applyNodeUpdates).
// Run after the elements' write locks are taken (nodeLock, relLock, lockNodes, lockRelationships).
// The import locks an element it updates when it stages the update (mergeNodes,
// mergeRelationships), so one of the two waits for the other. Neo4j 5 takes a created
// relationship's end locks when it commits: an import's relationship committed before is seen
// here, and one committing later waits for this transaction; if this one then deletes the node,
// the two deadlock and Neo4j rolls one back (the driver runs it again: refused here, or the import
// finds the node gone and fails whole, transfer/importer.ts).
CALL () {
  UNWIND $ids AS id
  MATCH (n:Entity {id: id})-[r]-(m)
  WHERE $kind = 'node' AND (r.importId IS NOT NULL OR m.importId IS NOT NULL)
  RETURN coalesce(r.importId, m.importId) AS importId
  UNION
  MATCH (i:ImportRun)
  WHERE i.state IN ['staging', 'committed']
  MATCH (b:ImportBatch {importId: i.id})
  WHERE b.kind = $kind AND any(id IN coalesce(b.updatedIds, []) WHERE id IN $ids)
  RETURN i.id AS importId
}
RETURN DISTINCT importId
ORDER BY importId
