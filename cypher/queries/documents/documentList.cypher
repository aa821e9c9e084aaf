// Documents visible at the caller's clearance, newest first, with their visible proposals
// counted by status (a proposal above the caller's clearance is not counted either).
MATCH (d:Document)
WHERE d.sensitivity IN $allowed
OPTIONAL MATCH (p:Proposal {documentId: d.id})
WHERE p.sensitivity IN $allowed
WITH d, p.status AS status, count(p) AS n
WITH d, collect(CASE WHEN status IS NULL THEN null ELSE [status, n] END) AS counts
RETURN d {.id, .sourceId, .title, .date, .kind, .sensitivity, .format, .fileName, .uploadedBy, .chars, uploadedAt: toString(d.uploadedAt)} AS document, counts
ORDER BY document.uploadedAt DESC
LIMIT $limit
