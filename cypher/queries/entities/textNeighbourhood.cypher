// The elements whose texts may state a fact about these nodes ($ids): the nodes, the relationships
// touching them and the nodes at their other ends, every property (the import's scope for texts
// already in the database, server/src/features/transfer/textConsistency.ts).
// Nothing of an import in flight (staged, or written at its real level with a staged end,
// importer.ts): not in the database yet as far as any text is concerned.
MATCH (n)
WHERE n.id IN $ids AND any(l IN labels(n) WHERE l IN $labels)
OPTIONAL MATCH (n)-[r]-(m)
WHERE type(r) IN $types AND any(l IN labels(m) WHERE l IN $labels)
  AND NOT 'STAGED' IN [r.sensitivity, m.sensitivity]
RETURN [lb IN labels(n) WHERE lb <> 'Entity'][0] AS label, properties(n) AS node, type(r) AS type, properties(r) AS rel,
       startNode(r).id AS fromId, endNode(r).id AS toId, [lb IN labels(m) WHERE lb <> 'Entity'][0] AS otherLabel, properties(m) AS other
