// Why: a threat slice keeps the threat, its subtypes (SUBTYPE_OF, any depth), what responds to
// them (mandates COVERS, initiatives and agreements TARGETS), the regions they AFFECT, and the
// actors behind the responses (HAS_MANDATE, PARTICIPATES_IN, PARTY_TO): without that last step a
// threat slice would hold no actor at all. Everything walked is visible and valid on $asOf.
// No row: the threat is not visible.
MATCH (root:Threat {id: $id})
WHERE root.sensitivity IN $allowed
CALL (root) {
  OPTIONAL MATCH (sub:Threat)((a)-[p:SUBTYPE_OF]->(b:Threat)
      WHERE p.sensitivity IN $allowed AND b.sensitivity IN $allowed
        AND ($asOf IS NULL OR ((p.validFrom IS NULL OR p.validFrom <= $asOf) AND (p.validTo IS NULL OR p.validTo > $asOf))))+(root)
  WHERE sub.sensitivity IN $allowed
  RETURN collect(DISTINCT sub) AS subs
}
WITH [root] + subs AS threats
CALL (threats) {
  UNWIND threats AS t
  MATCH (x)-[l:COVERS|TARGETS]->(t)
  WHERE l.sensitivity IN $allowed AND x.sensitivity IN $allowed
    AND ($asOf IS NULL OR ((l.validFrom IS NULL OR l.validFrom <= $asOf) AND (l.validTo IS NULL OR l.validTo > $asOf)))
  RETURN collect(DISTINCT x) AS responses
}
CALL (threats) {
  UNWIND threats AS t
  MATCH (t)-[l:AFFECTS]->(r:Region)
  WHERE l.sensitivity IN $allowed AND r.sensitivity IN $allowed
    AND ($asOf IS NULL OR ((l.validFrom IS NULL OR l.validFrom <= $asOf) AND (l.validTo IS NULL OR l.validTo > $asOf)))
  RETURN collect(DISTINCT r.id) AS affected
}
CALL (responses) {
  UNWIND responses AS x
  MATCH (a:Actor)-[l:HAS_MANDATE|PARTICIPATES_IN|PARTY_TO]->(x)
  WHERE l.sensitivity IN $allowed AND a.sensitivity IN $allowed
    AND ($asOf IS NULL OR ((l.validFrom IS NULL OR l.validFrom <= $asOf) AND (l.validTo IS NULL OR l.validTo > $asOf)))
  RETURN collect(DISTINCT a.id) AS actors
}
RETURN [t IN threats | t.id] + [x IN responses | x.id] + affected + actors AS ids
