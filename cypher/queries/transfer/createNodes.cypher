// One import batch of nodes of one label that the validator found new (no node held the id when
// it looked it up): staged exactly as mergeNodes stages a new node, without MERGE's locking
// look-up and comparison. Should another writer have taken the id since, the id constraint
// refuses the batch and the import rolls back (MERGE would have skipped or merged the row).
UNWIND $rows AS row
CREATE (n:__LABEL__)
SET n = row.props, n:Entity, n.stagedSensitivity = row.props.sensitivity, n.sensitivity = 'STAGED',
    n.importId = $importId, n.version = 1, n.recordedAt = datetime()
RETURN row.id AS id, elementId(n) AS ref, true AS created, null AS before
