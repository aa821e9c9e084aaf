// Every node of the chosen labels the caller may see, in a stable order, for an export.
MATCH (n)
WHERE any(lb IN labels(n) WHERE lb IN $labels) AND n.sensitivity IN $allowed
RETURN [lb IN labels(n) WHERE lb <> 'Entity'][0] AS label, properties(n) AS props
ORDER BY label, n.id
