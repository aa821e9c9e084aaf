// Why: projects the slice into the GDS catalog with the same node and relationship predicates as
// sliceNodes/sliceEdges (visibility, validity, labels, kinds, scope), so GDS never sees a node or
// relationship the caller may not. Parallel relationships collapse to one (simple graph; for an
// undirected projection the pair is ordered by id first) and self-loops are dropped, as in the
// in-process engine. Isolated nodes are projected with a null target.
MATCH (s)
WHERE labels(s)[0] IN $labels AND s.sensitivity IN $allowed
  AND ($kinds IS NULL OR labels(s)[0] <> 'Actor' OR s.kind IN $kinds)
  AND ($scope IS NULL OR s.id IN $scope)
  AND ($asOf IS NULL OR ((s.validFrom IS NULL OR s.validFrom <= $asOf) AND (s.validTo IS NULL OR s.validTo > $asOf)))
OPTIONAL MATCH (s)-[r]->(t)
WHERE type(r) IN $types AND r.sensitivity IN $allowed AND s <> t
  AND ($asOf IS NULL OR ((r.validFrom IS NULL OR r.validFrom <= $asOf) AND (r.validTo IS NULL OR r.validTo > $asOf)))
  AND labels(t)[0] IN $labels AND t.sensitivity IN $allowed
  AND ($kinds IS NULL OR labels(t)[0] <> 'Actor' OR t.kind IN $kinds)
  AND ($scope IS NULL OR t.id IN $scope)
  AND ($asOf IS NULL OR ((t.validFrom IS NULL OR t.validFrom <= $asOf) AND (t.validTo IS NULL OR t.validTo > $asOf)))
// Eigenvector centrality gets a self-loop on every node (A + 2I once undirected): the same
// eigenvectors as A, but power iteration converges on bipartite graphs such as a star or a path,
// where GDS would otherwise oscillate (networkx iterates with A + I for the same reason).
UNWIND CASE WHEN $selfLoops THEN [[s, t], [s, s]] ELSE [[s, t]] END AS pair
WITH pair[0] AS x, pair[1] AS y
WITH x, y, ($undirected AND y IS NOT NULL AND y.id < x.id) AS flip
WITH DISTINCT CASE WHEN flip THEN y ELSE x END AS a, CASE WHEN flip THEN x ELSE y END AS b
WITH gds.graph.project($graphName, a, b, {}, {undirectedRelationshipTypes: CASE WHEN $undirected THEN ['*'] ELSE [] END}) AS g
RETURN g.nodeCount AS nodes, g.relationshipCount AS relationships
