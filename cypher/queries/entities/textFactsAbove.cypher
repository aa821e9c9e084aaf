// Relationships held above a text's level ($above: the relationship's own level or either end's),
// with their quotes and role and both ends' names and levels: the facts a text at that level must
// not state (seed/src/consistency.ts). $except: the relationship being written (checked as written).
// Not a fact of an import in flight (staged, or written at its real level with a staged end,
// importer.ts): it is no fact until published, exactly as textNodesAbove skips staged nodes.
MATCH (a)-[r]->(b)
WHERE type(r) IN $types AND (r.sensitivity IN $above OR a.sensitivity IN $above OR b.sensitivity IN $above)
  AND coalesce(r.id, '') <> $except
  AND NOT 'STAGED' IN [r.sensitivity, a.sensitivity, b.sensitivity]
RETURN type(r) AS type, r {.sensitivity, .quotes, .role} AS properties,
       a {.id, .name, .acronym, .title, .aliases, .sensitivity} AS fromNode,
       b {.id, .name, .acronym, .title, .aliases, .sensitivity} AS toNode
