// Why: saves an import mapping (network/mapping.ts) under a name, per user: saving again under
// the same name replaces it. ImportMapping nodes carry no `sensitivity`, so no graph read sees
// them; `level` (the mapping's own sensitivity) decides who may read a shared one.
MERGE (m:ImportMapping {owner: $owner, name: $name})
SET m.mapping = $mapping, m.shared = $shared, m.level = $level, m.savedAt = datetime()
RETURN m.name AS name
