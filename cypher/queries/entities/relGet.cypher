// One relationship by id with both ends' levels; the caller decides visibility from all three.
MATCH (a)-[r {id: $id}]->(b)
RETURN type(r) AS type, a.id AS from, b.id AS to, properties(r) AS props,
       a.sensitivity AS fromSensitivity, b.sensitivity AS toSensitivity
