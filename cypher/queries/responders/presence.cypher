// Where actors operate (OPERATES_IN) or are held back (CONSTRAINED_IN), with the organizations a
// present member state belongs to (its presence counts, discounted, for them). $regionIds narrows
// to the regions of a question (null = everything). Everything visible and valid on $asOf.
MATCH (a:Actor)-[o:OPERATES_IN|CONSTRAINED_IN]->(r:Region)
WHERE ($regionIds IS NULL OR r.id IN $regionIds)
  AND all(x IN [a, o, r] WHERE x.sensitivity IN $allowed AND coalesce(x.validFrom <= $asOf, true) AND coalesce(x.validTo > $asOf, true))
RETURN a.id AS actorId, a.kind AS actorKind, type(o) AS relation, o.reason AS reason, r.id AS regionId,
       o {.id, .sourceIds, .quotes} AS rel,
       [(a)-[mo:MEMBER_OF]->(org:Actor)
        WHERE a.kind = 'member-state'
          AND all(x IN [mo, org] WHERE x.sensitivity IN $allowed AND coalesce(x.validFrom <= $asOf, true) AND coalesce(x.validTo > $asOf, true))
        | {orgId: org.id, rel: mo {.id, .sourceIds, .quotes}}] AS memberships
