// Removes an import run and its batch audit (after a rollback), a slice of batches at a time.
MATCH (b:ImportBatch {importId: $importId})
WITH b LIMIT 200
DELETE b
RETURN count(b) AS dropped
