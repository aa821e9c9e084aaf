// Relationships among a set of drawn nodes, visible at the caller's clearance and valid on asOf.
// Both ends are checked here too, not only through $ids: an import writes a relationship with a
// new end at its real level, invisible only through that end's staging (importer.ts).
MATCH (a)-[r]->(b)
WHERE a.id IN $ids AND b.id IN $ids
  AND r.sensitivity IN $allowed AND a.sensitivity IN $allowed AND b.sensitivity IN $allowed
  AND ($asOf IS NULL OR ((r.validFrom IS NULL OR r.validFrom <= $asOf) AND (r.validTo IS NULL OR r.validTo > $asOf)))
RETURN r {.id, .sensitivity, .validFrom, .validTo, type: type(r), source: a.id, target: b.id} AS edge
