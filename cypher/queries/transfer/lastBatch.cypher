// How many batches an import staged (their seq run from 0), for a rollback after a crash.
MATCH (b:ImportBatch {importId: $importId})
RETURN max(b.seq) AS last
