// Replaces a relationship's properties with the validated merged state and bumps its version.
// Nothing of an import in flight: a relationship it wrote (staged, or at its real level with a
// staged end, importer.ts) is neither read nor touched here.
MATCH (a)-[r:__TYPE__ {id: $id}]->(b)
WHERE NOT 'STAGED' IN [r.sensitivity, a.sensitivity, b.sensitivity]
SET r = $props
SET r.version = $version, r.recordedAt = datetime()
RETURN properties(r) AS props
