// PART_OF / MEMBER_OF links between organizations (not member states), through which a mandate is
// inherited (an organ acts under its organization's mandate and an organization through its organs).
MATCH (a:Actor)-[r:PART_OF|MEMBER_OF]->(b:Actor)
WHERE a.kind <> 'member-state'
  AND all(x IN [a, r, b] WHERE x.sensitivity IN $allowed AND coalesce(x.validFrom <= $asOf, true) AND coalesce(x.validTo > $asOf, true))
RETURN a.id AS fromId, b.id AS toId, type(r) AS type, r.partKind AS partKind, r {.id, .sourceIds, .quotes} AS rel
