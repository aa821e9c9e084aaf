// Relationships held above a text's level ($above: the relationship's own level or either end's),
// with their quotes and role and both ends' names and levels: the facts a text at that level must
// not state (seed/src/consistency.ts). $except: the relationship being written (checked as written).
MATCH (a)-[r]->(b)
WHERE type(r) IN $types AND (r.sensitivity IN $above OR a.sensitivity IN $above OR b.sensitivity IN $above)
  AND coalesce(r.id, '') <> $except
RETURN type(r) AS type, r {.sensitivity, .quotes, .role} AS properties,
       a {.id, .name, .acronym, .title, .aliases, .sensitivity} AS fromNode,
       b {.id, .name, .acronym, .title, .aliases, .sensitivity} AS toNode
