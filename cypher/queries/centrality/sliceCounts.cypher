// Why: the size of a centrality slice (same predicates as sliceNodes and sliceEdges) before the
// in-process engine reads it, so a slice too large for this process is refused, or handed to
// GDS, without first pulling millions of rows into memory. Counting walks the same relationships
// as the fetch but sends back one row.
CALL () {
  MATCH (n)
  WHERE labels(n)[0] IN $labels AND n.sensitivity IN $allowed
    AND ($kinds IS NULL OR labels(n)[0] <> 'Actor' OR n.kind IN $kinds)
    AND ($scope IS NULL OR n.id IN $scope)
    AND ($asOf IS NULL OR ((n.validFrom IS NULL OR n.validFrom <= $asOf) AND (n.validTo IS NULL OR n.validTo > $asOf)))
  RETURN count(n) AS nodes
}
CALL () {
  MATCH (s)-[r]->(t)
  WHERE type(r) IN $types AND r.sensitivity IN $allowed AND s <> t
    AND ($asOf IS NULL OR ((r.validFrom IS NULL OR r.validFrom <= $asOf) AND (r.validTo IS NULL OR r.validTo > $asOf)))
    AND labels(s)[0] IN $labels AND s.sensitivity IN $allowed
    AND ($kinds IS NULL OR labels(s)[0] <> 'Actor' OR s.kind IN $kinds)
    AND ($scope IS NULL OR s.id IN $scope)
    AND ($asOf IS NULL OR ((s.validFrom IS NULL OR s.validFrom <= $asOf) AND (s.validTo IS NULL OR s.validTo > $asOf)))
    AND labels(t)[0] IN $labels AND t.sensitivity IN $allowed
    AND ($kinds IS NULL OR labels(t)[0] <> 'Actor' OR t.kind IN $kinds)
    AND ($scope IS NULL OR t.id IN $scope)
    AND ($asOf IS NULL OR ((t.validFrom IS NULL OR t.validFrom <= $asOf) AND (t.validTo IS NULL OR t.validTo > $asOf)))
  RETURN count(r) AS relationships
}
RETURN nodes, relationships
