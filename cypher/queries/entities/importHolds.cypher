// The imports in flight (staging, or committed and still publishing) that hold on these elements
// (by id; $kind 'node' or 'relationship'), each with why (`reasons`). A node is held by a
// relationship one of them wrote that touches it ('tie', or 'restricted-tie' when that fact is
// above CLEAR by its own level or its other end's): staged itself (between two existing nodes,
// mergeRelationships) or written at its real level with the import's staged node at its other end
// (createRelationships); publishing removes importId from both, so a published import holds
// nothing, and a rolled-back one left nothing. A node or relationship is also held by an update
// one of them staged ('update': a batch's updatedIds), applied when it publishes, only to the
// version it read (applyNodeUpdates). A node is held by an import whose texts were checked against
// its level ('texts': an ImportTextHold, transfer/holdTexts.cypher, an index seek by node id).
// Run after the elements' write locks are taken (nodeLock, relLock, lockNodes, lockRelationships).
// The import locks an element it updates when it stages the update (mergeNodes,
// mergeRelationships), and a node its texts rely on when it records that (holdTexts), so one of
// the two waits for the other. Neo4j 5 takes a created relationship's end locks when it commits:
// an import's relationship committed before is seen here, and one committing later waits for this
// transaction; if this one then deletes the node, the two deadlock and Neo4j rolls one back (the
// driver runs it again: refused here, or the import finds the node gone and fails whole,
// transfer/importer.ts).
CALL () {
  UNWIND $ids AS id
  MATCH (n:Entity {id: id})-[r]-(m)
  WHERE $kind = 'node' AND (r.importId IS NOT NULL OR m.importId IS NOT NULL)
  RETURN coalesce(r.importId, m.importId) AS importId,
         CASE WHEN coalesce(r.stagedSensitivity, r.sensitivity, 'CLEAR') <> 'CLEAR'
                OR coalesce(m.stagedSensitivity, m.sensitivity, 'CLEAR') <> 'CLEAR'
              THEN 'restricted-tie' ELSE 'tie' END AS reason
  UNION
  MATCH (i:ImportRun)
  WHERE i.state IN ['staging', 'committed']
  MATCH (b:ImportBatch {importId: i.id})
  WHERE b.kind = $kind AND any(id IN coalesce(b.updatedIds, []) WHERE id IN $ids)
  RETURN i.id AS importId, 'update' AS reason
  UNION
  MATCH (h:ImportTextHold)
  WHERE $kind = 'node' AND h.nodeId IN $ids
  MATCH (i:ImportRun {id: h.importId})
  WHERE i.state IN ['staging', 'committed']
  RETURN i.id AS importId, 'texts' AS reason
}
RETURN importId, collect(DISTINCT reason) AS reasons
ORDER BY importId
