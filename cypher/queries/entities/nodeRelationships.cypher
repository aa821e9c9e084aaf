// The relationships a node deletion would touch, with both ends' levels, so each can be audited
// at its own level and those beyond the caller's clearance kept (see deleteNode).
// Nothing of an import in flight is read here: deleteNode refuses a node such an import wrote a
// relationship to (importHolds) before reading this, so none is left for DETACH DELETE to drop.
MATCH (n:__LABEL__ {id: $id})-[r]-()
WITH DISTINCT r
MATCH (a)-[r]->(b)
WHERE NOT 'STAGED' IN [r.sensitivity, a.sensitivity, b.sensitivity]
RETURN type(r) AS type, a.id AS from, b.id AS to, properties(r) AS props,
       a.sensitivity AS fromSensitivity, b.sensitivity AS toSensitivity
