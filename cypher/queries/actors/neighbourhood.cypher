// The actor's direct neighbours (sources excluded), visible at the caller's clearance and
// valid on asOf, both the relationship and the node at its other end.
MATCH (a:Actor {id: $id})-[r]-(m)
WHERE NOT m:Source
  AND r.sensitivity IN $allowed AND m.sensitivity IN $allowed
  AND ($asOf IS NULL OR ((r.validFrom IS NULL OR r.validFrom <= $asOf) AND (r.validTo IS NULL OR r.validTo > $asOf)))
  AND ($asOf IS NULL OR ((m.validFrom IS NULL OR m.validFrom <= $asOf) AND (m.validTo IS NULL OR m.validTo > $asOf)))
RETURN m {.id, .name, .acronym, .kind, .sensitivity, label: labels(m)[0]} AS node,
       r {.id, .sensitivity, .validFrom, .validTo, type: type(r), source: startNode(r).id, target: endNode(r).id} AS edge
ORDER BY node.id
LIMIT $limit
