// Regional and sub-regional organizations with the regions they operate in and their civil-society
// early-warning partners: a civil-society actor that PROVIDES_DATA_TO the organization, or takes
// part as data provider in an initiative the organization takes part in.
MATCH (o:Actor)
WHERE o.kind IN ['regional-organization', 'subregional-organization']
  AND o.sensitivity IN $allowed AND coalesce(o.validFrom <= $asOf, true) AND coalesce(o.validTo > $asOf, true)
RETURN o.id AS actorId,
       [(o)-[x:OPERATES_IN]->(r:Region)
        WHERE all(y IN [x, r] WHERE y.sensitivity IN $allowed AND coalesce(y.validFrom <= $asOf, true) AND coalesce(y.validTo > $asOf, true))
        | {regionId: r.id, rel: x {.id, .sourceIds, .quotes}}] AS presence,
       [(c:Actor {kind: 'civil-society'})-[d:PROVIDES_DATA_TO]->(o)
        WHERE all(y IN [c, d] WHERE y.sensitivity IN $allowed AND coalesce(y.validFrom <= $asOf, true) AND coalesce(y.validTo > $asOf, true))
        | c.id] +
       [(c:Actor {kind: 'civil-society'})-[d:PARTICIPATES_IN {role: 'data-provider'}]->(i:Initiative)<-[l:PARTICIPATES_IN]-(o)
        WHERE all(y IN [c, d, i, l] WHERE y.sensitivity IN $allowed AND coalesce(y.validFrom <= $asOf, true) AND coalesce(y.validTo > $asOf, true))
        | c.id] AS providers
