// Publishing part of a committed import: staged nodes take their real level (visible from this
// transaction on) and lose the staging marks. Idempotent, so a resumed publish is safe.
UNWIND $refs AS ref
MATCH (n) WHERE elementId(n) = ref AND n.importId = $importId
SET n.sensitivity = n.stagedSensitivity
REMOVE n.stagedSensitivity, n.importId
RETURN count(n) AS published
