// The member states of each regional or sub-regional organization ($orgKinds): every visible
// membership whatever its dates (an organization with a list reaches only where its members are),
// each with its dates, whether it holds on $asOf, and the countries the state operates in.
// $regionIds narrows the members returned (not `listed`) to those in the regions of a question.
MATCH (o:Actor)
WHERE o.kind IN $orgKinds
  AND o.sensitivity IN $allowed AND coalesce(o.validFrom <= $asOf, true) AND coalesce(o.validTo > $asOf, true)
WITH o,
     [(s:Actor {kind: 'member-state'})-[m:MEMBER_OF]->(o)
      WHERE s.sensitivity IN $allowed AND m.sensitivity IN $allowed
      | {stateId: s.id, rel: m {.id, .sourceIds, .quotes}, validFrom: toString(m.validFrom), validTo: toString(m.validTo),
         current: all(x IN [s, m] WHERE coalesce(x.validFrom <= $asOf, true) AND coalesce(x.validTo > $asOf, true)),
         regionIds: [(s)-[p:OPERATES_IN]->(r:Region)
                     WHERE all(x IN [p, r] WHERE x.sensitivity IN $allowed AND coalesce(x.validFrom <= $asOf, true) AND coalesce(x.validTo > $asOf, true))
                     | r.id]}] AS members
WHERE size(members) > 0
RETURN o.id AS orgId, size(members) AS listed,
       [x IN members WHERE $regionIds IS NULL OR any(r IN x.regionIds WHERE r IN $regionIds)] AS members
