// Why: sliceEdges for the fast path, when the caller may see every element of the slice's labels
// (every sensitivity level, no date, no kinds, no region or threat scope, no import in flight):
// then the sensitivity, validity, kind and scope predicates on both ends of every relationship are
// all true, and only labels and types are checked, which needs no property
// reads (about half the time of sliceEdges at 100k actors).
MATCH (s)-[r]->(t)
WHERE type(r) IN $types AND s <> t AND any(lb IN labels(s) WHERE lb IN $labels) AND any(lb IN labels(t) WHERE lb IN $labels)
RETURN s.id AS source, t.id AS target, type(r) AS type, r.id AS id, r.weight AS weight, coalesce(r.directed, true) AS directed
LIMIT $maxRelationships
