// One relationship by id with both ends' levels; the caller decides visibility from all three.
// Nothing of an import in flight: a relationship it wrote (staged, or at its real level with a
// staged end, importer.ts) is neither read nor touched here.
MATCH (a)-[r {id: $id}]->(b)
WHERE NOT 'STAGED' IN [r.sensitivity, a.sensitivity, b.sensitivity]
RETURN type(r) AS type, a.id AS from, b.id AS to, properties(r) AS props,
       a.sensitivity AS fromSensitivity, b.sensitivity AS toSensitivity
