// An import run by id, for undo and recovery.
MATCH (i:ImportRun {id: $importId})
RETURN i.id AS id, i.by AS by, i.userId AS userId, i.state AS state, i.batches AS batches, i.level AS level
