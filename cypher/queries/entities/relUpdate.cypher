// Replaces a relationship's properties with the validated merged state and bumps its version.
MATCH ()-[r:__TYPE__ {id: $id}]->()
SET r = $props
SET r.version = $version, r.recordedAt = datetime()
RETURN properties(r) AS props
