// Appends one AuditEntry per change made in the same write transaction. `at` is the
// transaction clock, the same instant the changed entities get as recordedAt. Entries carry no
// `sensitivity` property, so no graph query ever returns them; their visibility is decided by
// entitySensitivity (the entity's latest level) and before/afterSensitivity.
UNWIND $entries AS entry
CREATE (e:AuditEntry)
SET e = entry, e.id = randomUUID(), e.at = datetime()
RETURN count(e) AS recorded
