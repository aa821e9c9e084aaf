// Every initiative with its funders (FUNDS, or a participant in the funder role), the threats it
// targets and the regions it spans: the material of the unfunded gap.
MATCH (i:Initiative)
WHERE i.sensitivity IN $allowed AND coalesce(i.validFrom <= $asOf, true) AND coalesce(i.validTo > $asOf, true)
RETURN i {.id, .name} AS initiative,
       [(f:Actor)-[x:FUNDS]->(i)
        WHERE all(y IN [f, x] WHERE y.sensitivity IN $allowed AND coalesce(y.validFrom <= $asOf, true) AND coalesce(y.validTo > $asOf, true))
        | f.id] +
       [(f:Actor)-[x:PARTICIPATES_IN {role: 'funder'}]->(i)
        WHERE all(y IN [f, x] WHERE y.sensitivity IN $allowed AND coalesce(y.validFrom <= $asOf, true) AND coalesce(y.validTo > $asOf, true))
        | f.id] AS funders,
       [(i)-[x:TARGETS]->(t:Threat)
        WHERE all(y IN [x, t] WHERE y.sensitivity IN $allowed AND coalesce(y.validFrom <= $asOf, true) AND coalesce(y.validTo > $asOf, true))
        | t.id] AS threatIds,
       [(i)-[x:SPANS]->(r:Region)
        WHERE all(y IN [x, r] WHERE y.sensitivity IN $allowed AND coalesce(y.validFrom <= $asOf, true) AND coalesce(y.validTo > $asOf, true))
        | r.id] AS regionIds,
       [(p:Actor)-[x:PARTICIPATES_IN]->(i)
        WHERE all(y IN [p, x] WHERE y.sensitivity IN $allowed AND coalesce(y.validFrom <= $asOf, true) AND coalesce(y.validTo > $asOf, true))
        | {actorId: p.id, role: x.role, rel: x {.id, .sourceIds, .quotes}}] AS participants
