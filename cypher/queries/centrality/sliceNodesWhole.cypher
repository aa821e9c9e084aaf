// Why: sliceNodes for the fast path (see sliceEdgesWhole): every node of the slice's labels.
MATCH (n)
WHERE labels(n)[0] IN $labels
RETURN n.id AS id, n.name AS name, labels(n)[0] AS label, n.kind AS kind
ORDER BY id
