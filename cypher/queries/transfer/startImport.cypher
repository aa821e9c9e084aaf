// An import run while it stages: who started it and at what clearance (undo checks both), and a
// heartbeat (touchedAt) so start-up recovery can tell a dead run from one another API process
// is still writing. ImportRun and ImportBatch nodes carry no `sensitivity`: no graph read sees them.
CREATE (i:ImportRun {id: $importId, by: $by, userId: $userId, clearance: $clearance, format: $format,
                     state: 'staging', startedAt: datetime(), touchedAt: datetime()})
RETURN i.id AS id
