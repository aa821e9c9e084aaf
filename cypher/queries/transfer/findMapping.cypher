// Why: a saved import mapping by name: the caller's own first, else one another user shared;
// never one whose level is above the caller's clearance.
MATCH (m:ImportMapping {name: $name})
WHERE (m.owner = $owner OR m.shared) AND m.level IN $allowed
RETURN m.mapping AS mapping, m.shared AS shared, m.owner = $owner AS mine
ORDER BY mine DESC
LIMIT 1
