// One node of a label (spliced from the closed NODE_LABELS list), if the caller may see it.
MATCH (n:__LABEL__ {id: $id})
WHERE n.sensitivity IN $allowed
RETURN properties(n) AS props
