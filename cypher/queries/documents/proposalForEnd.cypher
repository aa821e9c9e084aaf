// The entity proposal of a document that a relationship proposal's end refers to (by the
// finding key at the end of its proposal key), and what the reviewer made of it.
MATCH (p:Proposal {documentId: $documentId})
WHERE p.kind <> 'relationship' AND p.key ENDS WITH $suffix
RETURN p.id AS id, p.status AS status, p.resultId AS resultId
LIMIT 1
