// Why: a region slice keeps the region, every region inside it (PART_OF, any depth) and every node
// placed in one of them (actors OPERATES_IN or CONSTRAINED_IN, initiatives SPANS, mandates
// APPLIES_IN, threats AFFECTS). Every node and relationship walked is visible to the caller and
// valid on $asOf, so a hidden link neither adds nor removes a node. No row: the region is not visible.
MATCH (root:Region {id: $id})
WHERE root.sensitivity IN $allowed
CALL (root) {
  OPTIONAL MATCH (sub:Region)((a)-[p:PART_OF]->(b:Region)
      WHERE p.sensitivity IN $allowed AND b.sensitivity IN $allowed
        AND ($asOf IS NULL OR ((p.validFrom IS NULL OR p.validFrom <= $asOf) AND (p.validTo IS NULL OR p.validTo > $asOf))))+(root)
  WHERE sub.sensitivity IN $allowed
  RETURN collect(DISTINCT sub) AS subs
}
WITH [root] + subs AS regions
CALL (regions) {
  UNWIND regions AS r
  MATCH (n)-[l:OPERATES_IN|CONSTRAINED_IN|SPANS|APPLIES_IN|AFFECTS]->(r)
  WHERE l.sensitivity IN $allowed AND n.sensitivity IN $allowed
    AND ($asOf IS NULL OR ((l.validFrom IS NULL OR l.validFrom <= $asOf) AND (l.validTo IS NULL OR l.validTo > $asOf)))
  RETURN collect(DISTINCT n.id) AS placed
}
RETURN [r IN regions | r.id] + placed AS ids
