// Removes the audit entries of a rolled-back import batch.
UNWIND $entries AS id
MATCH (e:AuditEntry) WHERE elementId(e) = id
DELETE e
RETURN count(*) AS dropped
