// The proposals of one document (the document's own clearance check comes first).
MATCH (p:Proposal {documentId: $documentId})
WHERE p.sensitivity IN $allowed AND ($status IS NULL OR p.status = $status)
RETURN p {.*, createdAt: toString(p.createdAt), decidedAt: toString(p.decidedAt)} AS proposal
ORDER BY p.ordinal
