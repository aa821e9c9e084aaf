// The facts above CLEAR (by their own level or an end's) that touch these existing nodes, stored and
// published (no import's staged element): what an import's texts about those nodes must not state
// below their level, as the editing API's check of stored texts reads them (entities/textConsistency.ts).
// Read after holdTexts locked the nodes. `since`: recorded after the import began (a write that
// committed while it was writing, rather than a fact its file contradicts from the start; never
// for a dry run, which has no ImportRun).
OPTIONAL MATCH (i:ImportRun {id: $importId})
UNWIND $ids AS id
MATCH (n:Entity {id: id})-[r]-(m)
WHERE type(r) IN $types AND any(l IN labels(m) WHERE l IN $labels)
  AND (r.sensitivity IN $above OR n.sensitivity IN $above OR m.sensitivity IN $above)
  AND NOT 'STAGED' IN [r.sensitivity, m.sensitivity]
WITH DISTINCT i, r
WITH i, r, startNode(r) AS a, endNode(r) AS b
RETURN type(r) AS type, r {.sensitivity, .quotes, .role} AS properties,
       a {.id, .name, .acronym, .title, .aliases, .sensitivity} AS fromNode,
       b {.id, .name, .acronym, .title, .aliases, .sensitivity} AS toNode,
       coalesce(r.recordedAt >= i.startedAt, false) AS since
