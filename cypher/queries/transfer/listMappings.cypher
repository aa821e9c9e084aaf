// Why: the saved import mappings a caller may re-use (own and shared, within clearance); the
// owner is told only as "mine", never as another user's id.
MATCH (m:ImportMapping)
WHERE (m.owner = $owner OR m.shared) AND m.level IN $allowed
RETURN m.name AS name, m.mapping AS mapping, m.shared AS shared, m.owner = $owner AS mine, toString(m.savedAt) AS savedAt
ORDER BY name, mine DESC
