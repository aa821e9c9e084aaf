// Why: the relationships of a centrality slice for the in-process engine: of the chosen types,
// visible and valid on $asOf, between two nodes that are both in the slice (same node predicate
// as sliceNodes). Self-loops are dropped: every measure works on the simple graph. One row more
// than the in-process engine takes ($maxRelationships) tells it the slice is too large, without
// a separate counting pass. A tie stored with directed = false (an undirected network's) is read
// both ways by the directed measures; its weight is the weighted measures' (adjacency.ts).
MATCH (s)-[r]->(t)
WHERE type(r) IN $types AND r.sensitivity IN $allowed AND s <> t
  AND ($asOf IS NULL OR ((r.validFrom IS NULL OR r.validFrom <= $asOf) AND (r.validTo IS NULL OR r.validTo > $asOf)))
  AND any(lb IN labels(s) WHERE lb IN $labels) AND s.sensitivity IN $allowed
  AND ($kinds IS NULL OR NOT s:Actor OR s.kind IN $kinds)
  AND ($scope IS NULL OR s.id IN $scope)
  AND ($network IS NULL OR s.network = $network)
  AND ($asOf IS NULL OR ((s.validFrom IS NULL OR s.validFrom <= $asOf) AND (s.validTo IS NULL OR s.validTo > $asOf)))
  AND any(lb IN labels(t) WHERE lb IN $labels) AND t.sensitivity IN $allowed
  AND ($kinds IS NULL OR NOT t:Actor OR t.kind IN $kinds)
  AND ($scope IS NULL OR t.id IN $scope)
  AND ($network IS NULL OR t.network = $network)
  AND ($asOf IS NULL OR ((t.validFrom IS NULL OR t.validFrom <= $asOf) AND (t.validTo IS NULL OR t.validTo > $asOf)))
RETURN s.id AS source, t.id AS target, type(r) AS type, r.id AS id, r.weight AS weight, coalesce(r.directed, true) AS directed
LIMIT $maxRelationships
