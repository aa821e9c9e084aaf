// Ties between organizations (member states excluded: a shared member is not coordination): direct
// dialogue, support and institutional links and shared agreements or initiatives between two of
// $actorIds (ties only count between actors of one question), and data feeds touching one of them
// (a feed to anyone counts, discounted). $actorIds null = every tie (gaps, coverage).
// Everything visible and valid on $asOf.
MATCH (a:Actor)-[r:DIALOGUE_WITH|PROVIDES_DATA_TO|SUPPORTS|PART_OF|MEMBER_OF]->(b:Actor)
WHERE ($actorIds IS NULL OR (a.id IN $actorIds AND b.id IN $actorIds)
       OR (type(r) = 'PROVIDES_DATA_TO' AND (a.id IN $actorIds OR b.id IN $actorIds)))
  AND a.kind <> 'member-state' AND b.kind <> 'member-state'
  AND all(x IN [a, r, b] WHERE x.sensitivity IN $allowed AND coalesce(x.validFrom <= $asOf, true) AND coalesce(x.validTo > $asOf, true))
RETURN a.id AS fromId, b.id AS toId, type(r) AS type, r.partKind AS partKind, r.frequency AS frequency, null AS via, [r {.id, .sourceIds, .quotes}] AS rels
UNION ALL
MATCH (a:Actor)-[p:PARTY_TO|PARTICIPATES_IN]->(i)<-[q:PARTY_TO|PARTICIPATES_IN]-(b:Actor)
WHERE a.id < b.id
  AND ($actorIds IS NULL OR (a.id IN $actorIds AND b.id IN $actorIds))
  AND a.kind <> 'member-state' AND b.kind <> 'member-state'
  AND all(x IN [a, p, i, q, b] WHERE x.sensitivity IN $allowed AND coalesce(x.validFrom <= $asOf, true) AND coalesce(x.validTo > $asOf, true))
RETURN a.id AS fromId, b.id AS toId, CASE WHEN i:Agreement THEN 'SHARED_AGREEMENT' ELSE 'SHARED_INITIATIVE' END AS type,
       null AS partKind, null AS frequency, i {.id, .name} AS via, [x IN [p, q] | x {.id, .sourceIds, .quotes}] AS rels
