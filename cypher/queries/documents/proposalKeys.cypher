// Every proposal key of a document and what a decision made of it, so bringing the same text
// again proposes nothing already proposed or decided (under its old key or its new graph id).
MATCH (p:Proposal {documentId: $documentId})
RETURN p.key AS key, p.resultId AS resultId
