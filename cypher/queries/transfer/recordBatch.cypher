// The audit of one import batch, in the batch's own transaction (so it exists exactly when the
// batch's writes do): the ids and element refs of what it created, and the changed rows with
// their before/after states as one JSON text, written once per batch rather than a node per row.
// `updatedIds`: the ids of the existing elements it will update, which no other write may change
// or delete until the import ends (entities/importHolds.cypher).
// `written`: its created relationships were written at their real level (createRelationships),
// so publishing has nothing to do for them.
MATCH (i:ImportRun {id: $importId})
SET i.touchedAt = datetime()
CREATE (b:ImportBatch {importId: $importId, seq: $seq, kind: $kind, label: $label, relType: $relType,
                       createdIds: $createdIds, createdRefs: $createdRefs, updates: $updates, updatedIds: $updatedIds, written: $written,
                       level: $level, by: i.by, at: datetime()})
RETURN $seq AS seq
