// Mandates an actor holds (HAS_MANDATE) or is stated to lack (LACKS_MANDATE), one row per covered
// threat and region of application. $threatIds / $regionIds narrow to the families of a question
// (null = everything, for coverage and gaps). Every node and relationship must be visible and valid.
// `geography` 'stated' on APPLIES_IN: the mandate names that geography itself, so it is not bounded
// by its holder's membership (positioning.ts).
MATCH (a:Actor)-[h:HAS_MANDATE|LACKS_MANDATE]->(m:Mandate)-[c:COVERS]->(t:Threat)
WHERE ($threatIds IS NULL OR t.id IN $threatIds)
  AND all(x IN [a, h, m, c, t] WHERE x.sensitivity IN $allowed AND coalesce(x.validFrom <= $asOf, true) AND coalesce(x.validTo > $asOf, true))
MATCH (m)-[p:APPLIES_IN]->(r:Region)
WHERE ($regionIds IS NULL OR r.id IN $regionIds)
  AND all(x IN [p, r] WHERE x.sensitivity IN $allowed AND coalesce(x.validFrom <= $asOf, true) AND coalesce(x.validTo > $asOf, true))
RETURN a.id AS actorId, type(h) AS relation, m {.id, .name} AS mandate, t.id AS threatId, r.id AS regionId, p.geography AS geography,
       [x IN [h, c, p] | x {.id, .sourceIds, .quotes}] AS rels
