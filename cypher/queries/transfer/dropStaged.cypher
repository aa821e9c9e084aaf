// Rolling back an import that never committed: its staged nodes and relationships go (only
// those still staged by it); updates were never applied, so nothing else changed.
UNWIND $refs AS ref
CALL (ref) {
  MATCH ()-[r]->() WHERE elementId(r) = ref AND r.importId = $importId DELETE r
  UNION
  MATCH (n) WHERE elementId(n) = ref AND n.importId = $importId DETACH DELETE n
}
RETURN count(*) AS dropped
