// Why: the nodes of a centrality slice, for the in-process engine and for naming results: of the
// chosen labels (never Source), actors of the chosen kinds, inside the region/threat scope when
// one is given, visible to the caller and valid on $asOf. Isolated nodes are kept: they are part
// of the graph and count in n for normalisation.
MATCH (n)
WHERE any(lb IN labels(n) WHERE lb IN $labels) AND n.sensitivity IN $allowed
  AND ($kinds IS NULL OR NOT n:Actor OR n.kind IN $kinds)
  AND ($scope IS NULL OR n.id IN $scope)
  AND ($network IS NULL OR n.network = $network)
  AND ($asOf IS NULL OR ((n.validFrom IS NULL OR n.validFrom <= $asOf) AND (n.validTo IS NULL OR n.validTo > $asOf)))
RETURN n.id AS id, n.name AS name, [lb IN labels(n) WHERE lb <> 'Entity'][0] AS label, n.kind AS kind
ORDER BY id
