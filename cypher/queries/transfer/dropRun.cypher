// Removes an import run once its batches are gone (rolled back, or nothing to record).
MATCH (i:ImportRun {id: $importId})
DELETE i
RETURN count(*) AS dropped
