// For "what we knew at $at": the first change after $at of every entity changed since then.
// Its before-state is what we knew at $at (null: the entity was not yet recorded).
MATCH (e:AuditEntry)
WHERE e.at > datetime($at)
WITH e ORDER BY e.at, e.version
WITH e.kind AS kind, e.entityId AS entityId, head(collect(e)) AS first
RETURN kind, entityId, first {.before, .entityLabel, .relType, .fromId, .toId, .entitySensitivity} AS change
