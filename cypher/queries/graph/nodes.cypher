// The nodes the explorer draws: of the chosen labels, visible at the caller's clearance,
// and (when asOf is given) valid on that date. validTo is exclusive.
MATCH (n)
WHERE any(lb IN labels(n) WHERE lb IN $labels)
  AND n.sensitivity IN $allowed
  AND ($asOf IS NULL OR ((n.validFrom IS NULL OR n.validFrom <= $asOf) AND (n.validTo IS NULL OR n.validTo > $asOf)))
RETURN n {.id, .name, .acronym, .kind, .sensitivity, label: [lb IN labels(n) WHERE lb <> 'Entity'][0]} AS node
ORDER BY node.label, node.id
LIMIT $limit
