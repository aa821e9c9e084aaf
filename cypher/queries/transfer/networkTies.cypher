// Why: what a network export writes for each tie of a slice (ids from the slice, filtered by
// clearance again here, ends included: a relationship id may repeat, and an import in flight writes
// relationships with a staged end at their real level): the file's edge id and its own attributes (JSON).
MATCH (a)-[r]->(b)
WHERE r.id IN $ids AND r.sensitivity IN $allowed AND a.sensitivity IN $allowed AND b.sensitivity IN $allowed
RETURN r.id AS id, r.fileId AS fileId, r.attributes AS attributes
