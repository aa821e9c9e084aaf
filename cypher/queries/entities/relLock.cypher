// Locks a relationship by id before reading it (see nodeLock), with both ends' labels and
// levels. Relationship ids are not indexed, so this scans relationships; fine at atlas scale.
MATCH (a)-[r {id: $id}]->(b)
SET r.version = coalesce(r.version, 1)
RETURN type(r) AS type, a.id AS from, b.id AS to, properties(r) AS props,
       a.sensitivity AS fromSensitivity, b.sensitivity AS toSensitivity
