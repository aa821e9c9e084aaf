// Undoing a published import, nodes (after its relationships): a node it created goes, and an
// updated one gets its earlier state back (as a new version), only while it still holds the
// version the import wrote and is visible to the caller. A node changed since, or that has
// relationships the import did not write, is kept: undo never writes what the caller cannot see.
UNWIND $rows AS row
MATCH (n) WHERE elementId(n) = row.ref AND n.version = row.version AND n.sensitivity IN $allowed
  AND (row.before IS NOT NULL OR NOT (n)--())
CALL (n, row) {
  WITH n, row WHERE row.before IS NULL
  DELETE n
}
CALL (n, row) {
  WITH n, row WHERE row.before IS NOT NULL
  SET n = row.before
  SET n.version = row.version + 1, n.recordedAt = datetime()
}
RETURN count(*) AS undone
