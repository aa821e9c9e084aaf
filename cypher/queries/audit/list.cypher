// Recent changes across the graph, newest first, filtered by time and author, only of
// entities the caller may see.
MATCH (e:AuditEntry)
WHERE e.entitySensitivity IN $allowed
  AND ($since IS NULL OR e.at >= datetime($since))
  AND ($until IS NULL OR e.at < datetime($until))
  AND ($actor IS NULL OR e.by = $actor)
RETURN e {.*, at: toString(e.at)} AS entry
ORDER BY e.at DESC, e.version DESC
LIMIT $limit
