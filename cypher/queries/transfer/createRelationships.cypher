// One import batch of relationships of one (from label, type, to label) group with at least one
// end this import creates (validate.ts, NEW_ROW): no such relationship can exist yet, so it is
// created as mergeRelationships creates a new one, without looking for an old one among the
// ends' relationships. Ends are matched by their label's id index, as there.
// Written once, at its real level and without staging marks: it is invisible until its staged
// end is published, because every read of a relationship also requires both its ends visible
// (a relationship is visible at the highest level of itself and its two ends), and it becomes
// visible in the very transaction that publishes that end. Rollback drops it with its staged end
// (dropWritten, dropStagedTies); its ref stays in the batch audit for undo. The ends' levels are
// their real ones (a staged end's waits in stagedSensitivity), for the batch's audit level.
UNWIND $rows AS row
MATCH (a:__FROM__ {id: row.from})
MATCH (b:__TO__ {id: row.to})
CREATE (a)-[r:__TYPE__]->(b)
SET r = row.props, r.version = 1, r.recordedAt = datetime()
RETURN row.id AS id, elementId(r) AS ref, true AS created, null AS before,
       coalesce(a.stagedSensitivity, a.sensitivity) AS fromLevel, coalesce(b.stagedSensitivity, b.sensitivity) AS toLevel
