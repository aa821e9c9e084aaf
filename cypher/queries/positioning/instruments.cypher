// Initiatives an actor takes part in and agreements it is party to that TARGET a threat, with the
// regions each initiative SPANS (agreements carry no geography). $threatIds / $regionIds narrow
// to a question (null = everything). Everything visible and valid on $asOf.
MATCH (a:Actor)-[p:PARTICIPATES_IN|PARTY_TO]->(i)-[g:TARGETS]->(t:Threat)
WHERE (i:Initiative OR i:Agreement)
  AND ($threatIds IS NULL OR t.id IN $threatIds)
  AND all(x IN [a, p, i, g, t] WHERE x.sensitivity IN $allowed AND coalesce(x.validFrom <= $asOf, true) AND coalesce(x.validTo > $asOf, true))
  AND (i:Agreement OR $regionIds IS NULL OR EXISTS {
    MATCH (i)-[s:SPANS]->(r:Region)
    WHERE r.id IN $regionIds AND all(x IN [s, r] WHERE x.sensitivity IN $allowed AND coalesce(x.validFrom <= $asOf, true) AND coalesce(x.validTo > $asOf, true))
  })
RETURN a.id AS actorId, type(p) AS relation, p.role AS role, i {.id, .name, label: [lb IN labels(i) WHERE lb <> 'Entity'][0]} AS instrument, t.id AS threatId,
       [x IN [p, g] | x {.id, .sourceIds, .quotes}] AS rels,
       [(i)-[s:SPANS]->(r:Region)
        WHERE ($regionIds IS NULL OR r.id IN $regionIds)
          AND all(x IN [s, r] WHERE x.sensitivity IN $allowed AND coalesce(x.validFrom <= $asOf, true) AND coalesce(x.validTo > $asOf, true))
        | {regionId: r.id, rel: s {.id, .sourceIds, .quotes}}] AS spans
