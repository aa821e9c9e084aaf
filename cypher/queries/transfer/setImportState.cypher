// Moves an import run to its next state: 'committed' is the single commit point (a run in it is
// published to the end, even by start-up recovery after a crash), then 'done' or 'undone'.
MATCH (i:ImportRun {id: $importId})
SET i.state = $state, i.touchedAt = datetime(), i += $extra
RETURN i.id AS id
