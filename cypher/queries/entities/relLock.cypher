// Locks a relationship by id before reading it (see nodeLock), with both ends' labels and
// levels. Relationship ids are not indexed, so this scans relationships; fine at atlas scale.
// Nothing of an import in flight: a relationship it wrote (staged, or at its real level with a
// staged end, importer.ts) is neither read nor touched here.
MATCH (a)-[r {id: $id}]->(b)
WHERE NOT 'STAGED' IN [r.sensitivity, a.sensitivity, b.sensitivity]
SET r.version = coalesce(r.version, 1)
RETURN type(r) AS type, a.id AS from, b.id AS to, properties(r) AS props,
       a.sensitivity AS fromSensitivity, b.sensitivity AS toSensitivity
