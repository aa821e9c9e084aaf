// Why: the nodes and relationships of weighted shortest paths found in process (paths/weighted.ts),
// by id, with what the answer's sentence and citations need (the projections of shortest.cypher)
// and the sources they cite. The ids come from a slice read for the caller; the clearance filter
// is repeated here so this query alone never returns a hidden element or source.
CALL () {
  MATCH (n)
  WHERE n.id IN $nodeIds AND n.sensitivity IN $allowed AND NOT n:Source
  RETURN collect(n {.id, .name, .acronym, .kind, .sensitivity, label: [lb IN labels(n) WHERE lb <> 'Entity'][0]}) AS nodes
}
CALL () {
  MATCH (s)-[r]->(t)
  // Relationship ids are not unique (a hidden one may share a visible one's id, and an import in
  // flight writes relationships with a staged end at their real level): both ends are checked.
  WHERE r.id IN $edgeIds AND r.sensitivity IN $allowed AND s.sensitivity IN $allowed AND t.sensitivity IN $allowed
  RETURN collect(r {.id, .sensitivity, validFrom: toString(r.validFrom), validTo: toString(r.validTo),
                    .sourceIds, .quotes, .role, .frequency, .reason, .severity,
                    type: type(r), source: s.id, target: t.id}) AS edges
}
CALL (edges) {
  UNWIND edges AS e
  UNWIND coalesce(e.sourceIds, []) AS sourceId
  WITH DISTINCT sourceId
  MATCH (s:Source {id: sourceId})
  WHERE s.sensitivity IN $allowed
  RETURN collect(s {.id, .title, .kind}) AS sources
}
RETURN nodes, edges, sources
