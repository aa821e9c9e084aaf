// Relationships among a set of drawn nodes, visible at the caller's clearance and valid on asOf.
MATCH (a)-[r]->(b)
WHERE a.id IN $ids AND b.id IN $ids
  AND r.sensitivity IN $allowed
  AND ($asOf IS NULL OR ((r.validFrom IS NULL OR r.validFrom <= $asOf) AND (r.validTo IS NULL OR r.validTo > $asOf)))
RETURN r {.id, .sensitivity, .validFrom, .validTo, type: type(r), source: a.id, target: b.id} AS edge
