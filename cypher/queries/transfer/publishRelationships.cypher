// Publishing part of a committed import: staged relationships (see publishNodes).
UNWIND $refs AS ref
MATCH ()-[r]->() WHERE elementId(r) = ref AND r.importId = $importId
SET r.sensitivity = r.stagedSensitivity
REMOVE r.stagedSensitivity, r.importId
RETURN count(r) AS published
