// One actor, the sources its facts rest on and its direct neighbours, in one statement (GET
// /api/actors/:id answers from one round trip and one snapshot). Everything is filtered by the
// caller's clearance: the actor, each source, each relationship and the node at its other end;
// neighbours and relationships must also be valid on $asOf (validTo exclusive, nulls open).
// Source nodes are cited, never neighbours. Dates come back as ISO strings so the records need
// no conversion in the API.
MATCH (a:Actor {id: $id})
WHERE a.sensitivity IN $allowed
CALL (a) {
  OPTIONAL MATCH (s:Source)
  WHERE s.id IN a.sourceIds AND s.sensitivity IN $allowed
  RETURN collect(s {.id, .title, .kind, date: toString(s.date), .url}) AS sources
}
CALL (a) {
  OPTIONAL MATCH (a)-[r]-(m)
  WHERE NOT m:Source
    AND r.sensitivity IN $allowed AND m.sensitivity IN $allowed
    AND ($asOf IS NULL OR ((r.validFrom IS NULL OR r.validFrom <= $asOf) AND (r.validTo IS NULL OR r.validTo > $asOf)))
    AND ($asOf IS NULL OR ((m.validFrom IS NULL OR m.validFrom <= $asOf) AND (m.validTo IS NULL OR m.validTo > $asOf)))
  WITH m, r
  ORDER BY m.id
  LIMIT $limit
  RETURN collect(m {.id, .name, .acronym, .kind, .sensitivity, label: [lb IN labels(m) WHERE lb <> 'Entity'][0]}) AS nodes,
         collect(r {.id, .sensitivity, validFrom: toString(r.validFrom), validTo: toString(r.validTo), type: type(r),
                    source: startNode(r).id, target: endNode(r).id}) AS edges
}
RETURN a {.*} AS actor, sources, nodes, edges
