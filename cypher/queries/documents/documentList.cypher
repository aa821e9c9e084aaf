// Documents visible at the caller's clearance, newest first, with their proposals counted by status.
MATCH (d:Document)
WHERE d.sensitivity IN $allowed
OPTIONAL MATCH (p:Proposal {documentId: d.id})
WITH d, p.status AS status, count(p) AS n
WITH d, collect(CASE WHEN status IS NULL THEN null ELSE [status, n] END) AS counts
RETURN d {.id, .sourceId, .title, .date, .kind, .sensitivity, .format, .fileName, .uploadedBy, .chars, uploadedAt: toString(d.uploadedAt)} AS document, counts
ORDER BY d.uploadedAt DESC
LIMIT $limit
