// The history of one entity, oldest first, limited to what the caller may see: the entity's
// latest level must be allowed; before/after states of a hidden level are redacted in code.
MATCH (e:AuditEntry {entityId: $entityId})
WHERE e.kind = $kind AND ($entityLabel IS NULL OR e.entityLabel = $entityLabel)
  AND e.entitySensitivity IN $allowed
RETURN e {.*, at: toString(e.at)} AS entry
ORDER BY e.at, e.version
LIMIT $limit
