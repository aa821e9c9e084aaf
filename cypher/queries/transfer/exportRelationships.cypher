// Every relationship the caller may see whose two ends they may also see and that the export
// includes (same labels filter as exportNodes, same transaction), so no edge dangles.
MATCH (a)-[r]->(b)
WHERE any(lb IN labels(a) WHERE lb IN $labels) AND any(lb IN labels(b) WHERE lb IN $labels)
  AND r.sensitivity IN $allowed AND a.sensitivity IN $allowed AND b.sensitivity IN $allowed
RETURN type(r) AS type, a.id AS from, b.id AS to, properties(r) AS props
