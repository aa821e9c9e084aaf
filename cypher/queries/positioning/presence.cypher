// Where actors operate (OPERATES_IN) or are held back (CONSTRAINED_IN). $regionIds narrows to the
// regions of a question (null = everything). Everything visible and valid on $asOf. (Member
// states' presence reaches their organizations through memberships.cypher.)
MATCH (a:Actor)-[o:OPERATES_IN|CONSTRAINED_IN]->(r:Region)
WHERE ($regionIds IS NULL OR r.id IN $regionIds)
  AND all(x IN [a, o, r] WHERE x.sensitivity IN $allowed AND coalesce(x.validFrom <= $asOf, true) AND coalesce(x.validTo > $asOf, true))
RETURN a.id AS actorId, a.kind AS actorKind, type(o) AS relation, o.reason AS reason, r.id AS regionId,
       o {.id, .sourceIds, .quotes} AS rel
