// Why: what a network export writes for each node of a slice (ids from the slice, already
// filtered by clearance; filtered again here so this query alone never returns a hidden node):
// the id the file used, the atlas fields, and the file's own attributes (JSON).
MATCH (n)
WHERE n.id IN $ids AND n.sensitivity IN $allowed
RETURN n.id AS id, n.fileId AS fileId, n.name AS name, n.kind AS kind, n.network AS network, n.attributes AS attributes
