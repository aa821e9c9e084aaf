// Why: what a network export writes for each tie of a slice (ids from the slice, filtered by
// clearance again here): the file's edge id and its own attributes (JSON).
MATCH ()-[r]->()
WHERE r.id IN $ids AND r.sensitivity IN $allowed
RETURN r.id AS id, r.fileId AS fileId, r.attributes AS attributes
