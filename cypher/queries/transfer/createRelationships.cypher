// One import batch of relationships of one (from label, type, to label) group with at least one
// end this import creates (validate.ts, NEW_ROW): no such relationship can exist yet, so it is
// created as mergeRelationships creates a new one, without looking for an old one among the
// ends' relationships. Ends are matched by their label's id index, as there.
UNWIND $rows AS row
MATCH (a:__FROM__ {id: row.from})
MATCH (b:__TO__ {id: row.to})
CREATE (a)-[r:__TYPE__]->(b)
SET r = row.props, r.stagedSensitivity = row.props.sensitivity, r.sensitivity = 'STAGED',
    r.importId = $importId, r.version = 1, r.recordedAt = datetime()
RETURN row.id AS id, elementId(r) AS ref, true AS created, null AS before,
       a.sensitivity AS fromLevel, b.sensitivity AS toLevel
