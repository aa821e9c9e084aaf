// Why: sliceNodes for the fast path (see sliceEdgesWhole): every node of the slice's labels.
MATCH (n)
WHERE any(lb IN labels(n) WHERE lb IN $labels)
RETURN n.id AS id, n.name AS name, [lb IN labels(n) WHERE lb <> 'Entity'][0] AS label, n.kind AS kind
ORDER BY id
