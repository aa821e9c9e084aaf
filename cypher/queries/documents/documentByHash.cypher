// An earlier upload of the same text that the caller may see (an unseen one is not revealed).
MATCH (d:Document {hash: $hash})
WHERE d.sensitivity IN $allowed
RETURN d {.*, uploadedAt: toString(d.uploadedAt)} AS document
ORDER BY d.uploadedAt
LIMIT 1
