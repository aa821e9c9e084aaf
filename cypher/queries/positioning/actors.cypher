// The actors an answer names, as graph nodes (only visible ones).
MATCH (a:Actor)
WHERE a.id IN $ids AND a.sensitivity IN $allowed
RETURN a {.id, .name, .acronym, .kind, .sensitivity, label: 'Actor'} AS node
