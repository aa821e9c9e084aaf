// Removes one relationship (already audited by the caller of this query).
// Nothing of an import in flight: a relationship it wrote (staged, or at its real level with a
// staged end, importer.ts) is neither read nor touched here.
MATCH (a)-[r:__TYPE__ {id: $id}]->(b)
WHERE NOT 'STAGED' IN [r.sensitivity, a.sensitivity, b.sensitivity]
DELETE r
RETURN count(*) AS deleted
