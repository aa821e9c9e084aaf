// Nodes held above a text's level ($above), with their names: a text at that level must not name
// them (seed/src/consistency.ts, rule 3). Only the domain labels ($labels), never accounts or audit.
MATCH (n)
WHERE n.sensitivity IN $above AND any(l IN labels(n) WHERE l IN $labels)
RETURN n.id AS id, n {.name, .acronym, .title, .aliases, .sensitivity} AS properties
