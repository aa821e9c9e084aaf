// An import's batches in a range of sequence numbers, in order: publishing, rolling back and
// undoing read them a slice at a time, so memory stays bounded at any size.
MATCH (b:ImportBatch {importId: $importId})
WHERE b.seq >= $from AND b.seq < $to
RETURN b.seq AS seq, b.kind AS kind, b.label AS label, b.relType AS relType, b.createdIds AS createdIds, b.createdRefs AS createdRefs, b.updates AS updates,
       coalesce(b.written, false) AS written
ORDER BY b.seq
