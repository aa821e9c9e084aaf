// Keeps every earlier entry of a changed entity at its latest sensitivity, so an entity that
// became RED takes its whole history out of a GREEN caller's view.
UNWIND $entities AS x
MATCH (e:AuditEntry {entityId: x.entityId})
WHERE e.kind = x.kind
SET e.entitySensitivity = x.entitySensitivity
RETURN count(e) AS restamped
