// One document, if visible at the caller's clearance.
MATCH (d:Document {id: $id})
WHERE d.sensitivity IN $allowed
RETURN d {.*, uploadedAt: toString(d.uploadedAt)} AS document
