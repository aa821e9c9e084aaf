// Import runs start-up recovery must finish: committed ones (published to the end) and staging
// ones whose heartbeat stopped more than $staleMs ago (their process died; rolled back).
MATCH (i:ImportRun)
WHERE i.state = 'committed'
   OR (i.state = 'staging' AND i.touchedAt < datetime() - duration({milliseconds: $staleMs}))
RETURN i.id AS id, i.state AS state
