// The k shortest simple paths between two bound entities (modes k-shortest and all), found by one
// bidirectional search (StatefulShortestPath); mode shortest uses shortest.cypher.
// Every predicate on a hop sits inside the quantified path pattern so it prunes during the
// search: relationship type, the caller's clearance on every relationship and node, validity on
// $asOf (validTo exclusive, nulls open), no Source nodes, and no avoided ids or actor kinds
// among the intermediate nodes. The path-level WHERE keeps only simple paths (no node twice);
// as a predicate of the path pattern it filters before the selector picks the shortest.
// Spliced from closed sets only (Neo4j 5.26 takes neither SHORTEST's k nor quantifier bounds as
// parameters): {{selector}} (SHORTEST k with k one of 3, 11, 26, 51), the
// arrow of the hop ({{left}}/{{right}} from the direction enum) and {{maxHops}} (validated 1..8).
// {{minHops}} is 1, or 0 when maxHops is 1: Neo4j 5.26 fails on a {1,1} quantifier with a path
// WHERE ("Parenthesised path patterns are only supported at the top level..."), and a 0-hop
// match is impossible anyway because the two ends are different nodes.
// The sources the path's steps cite come back with it (only those the caller may see; a hidden
// source is simply absent, so its quote is dropped too), and dates as ISO strings, so a path
// request is one round trip and its records need no conversion.
MATCH (a:Actor|Mandate|Agreement|Initiative|Threat|Region {id: $from})
WHERE a.sensitivity IN $allowed
  AND ($asOf IS NULL OR ((a.validFrom IS NULL OR a.validFrom <= $asOf) AND (a.validTo IS NULL OR a.validTo > $asOf)))
MATCH (b:Actor|Mandate|Agreement|Initiative|Threat|Region {id: $to})
WHERE b.sensitivity IN $allowed
MATCH p = {{selector}} (
  (a)
  ((x){{left}}[r]{{right}}(y)
    WHERE type(r) IN $types
      AND r.sensitivity IN $allowed
      AND y.sensitivity IN $allowed
      AND NOT y:Source
      AND ($asOf IS NULL OR ((r.validFrom IS NULL OR r.validFrom <= $asOf) AND (r.validTo IS NULL OR r.validTo > $asOf)))
      AND ($asOf IS NULL OR ((y.validFrom IS NULL OR y.validFrom <= $asOf) AND (y.validTo IS NULL OR y.validTo > $asOf)))
      AND (y = b OR (NOT y.id IN $avoid AND NOT (y:Actor AND y.kind IN $avoidKinds)))
  ){{{minHops}},{{maxHops}}}
  (b)
  WHERE all(i IN range(0, size(y) - 1) WHERE y[i] <> a AND NOT y[i] IN y[i + 1..])
)
WITH p, [n IN nodes(p) | n.id] AS ids
ORDER BY length(p), ids
LIMIT $limit
CALL (p) {
  UNWIND relationships(p) AS r
  UNWIND coalesce(r.sourceIds, []) AS sourceId
  WITH DISTINCT sourceId
  MATCH (s:Source {id: sourceId})
  WHERE s.sensitivity IN $allowed
  RETURN collect(s {.id, .title, .kind}) AS sources
}
RETURN [n IN nodes(p) | n {.id, .name, .acronym, .kind, .sensitivity, label: [lb IN labels(n) WHERE lb <> 'Entity'][0]}] AS nodes,
       [r IN relationships(p) | r {.id, .sensitivity, validFrom: toString(r.validFrom), validTo: toString(r.validTo),
                                   .sourceIds, .quotes, .role, .frequency, .reason, .severity,
                                   type: type(r), source: startNode(r).id, target: endNode(r).id}] AS edges,
       sources
