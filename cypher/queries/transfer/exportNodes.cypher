// Every node of the chosen labels the caller may see, in a stable order, for an export.
MATCH (n)
WHERE labels(n)[0] IN $labels AND n.sensitivity IN $allowed
RETURN labels(n)[0] AS label, properties(n) AS props
ORDER BY label, n.id
