// Undoing a published import, relationships (see undoNodes): one it created goes, an updated one
// gets its earlier state back, while it holds the version the import wrote and the caller may see
// it and both its ends.
UNWIND $rows AS row
MATCH (a)-[r]->(b) WHERE elementId(r) = row.ref AND r.version = row.version
  AND r.sensitivity IN $allowed AND a.sensitivity IN $allowed AND b.sensitivity IN $allowed
CALL (r, row) {
  WITH r, row WHERE row.before IS NULL
  DELETE r
}
CALL (r, row) {
  WITH r, row WHERE row.before IS NOT NULL
  SET r = row.before
  SET r.version = row.version + 1, r.recordedAt = datetime()
}
RETURN count(*) AS undone
