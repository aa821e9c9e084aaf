// Why: names the top-N nodes a GDS computation ranked; the ids come from a projection that only
// held visible nodes, and the visibility filter is repeated here all the same. :Entity (every
// domain node) makes it a seek in the entity_id index instead of a scan of every node.
MATCH (n:Entity)
WHERE n.id IN $ids AND n.sensitivity IN $allowed
RETURN n.id AS id, n.name AS name, [lb IN labels(n) WHERE lb <> 'Entity'][0] AS label, n.kind AS kind
