// Mandates an actor holds (HAS_MANDATE) or is stated to lack (LACKS_MANDATE), one row per covered
// threat and region of application. $threatIds / $regionIds narrow to the families of a question
// (null = everything, for coverage and gaps). Every node and relationship must be visible and valid.
// `reach` (Mandate): 'membership' applies only where the holder's members are on $asOf; absent or
// 'stated' applies in the APPLIES_IN regions (positioning.ts).
MATCH (a:Actor)-[h:HAS_MANDATE|LACKS_MANDATE]->(m:Mandate)-[c:COVERS]->(t:Threat)
WHERE ($threatIds IS NULL OR t.id IN $threatIds)
  AND all(x IN [a, h, m, c, t] WHERE x.sensitivity IN $allowed AND coalesce(x.validFrom <= $asOf, true) AND coalesce(x.validTo > $asOf, true))
MATCH (m)-[p:APPLIES_IN]->(r:Region)
WHERE ($regionIds IS NULL OR r.id IN $regionIds)
  AND all(x IN [p, r] WHERE x.sensitivity IN $allowed AND coalesce(x.validFrom <= $asOf, true) AND coalesce(x.validTo > $asOf, true))
RETURN a.id AS actorId, type(h) AS relation, m {.id, .name} AS mandate, t.id AS threatId, r.id AS regionId, m.reach AS reach,
       [x IN [h, c, p] | x {.id, .sourceIds, .quotes}] AS rels
