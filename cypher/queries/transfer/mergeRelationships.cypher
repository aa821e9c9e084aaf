// One import batch of relationships of one (from label, type, to label) group, all spliced
// from closed lists after validation: MERGE on (ends, type, id); rewritten and versioned only
// when the properties differ. Both ends exist (validation checked them against the file and
// the database), so every row matches.
UNWIND $rows AS row
MATCH (a:__FROM__ {id: row.from})
MATCH (b:__TO__ {id: row.to})
OPTIONAL MATCH (a)-[old:__TYPE__ {id: row.id}]->(b)
WITH a, b, row, CASE WHEN old IS NULL THEN null ELSE properties(old) END AS before
MERGE (a)-[r:__TYPE__ {id: row.id}]->(b)
WITH a, b, r, row, before,
     before IS NOT NULL
       AND all(k IN keys(row.props) WHERE before[k] = row.props[k])
       AND all(k IN keys(before) WHERE k IN keys(row.props) OR k IN ['version', 'recordedAt']) AS same
WHERE NOT same
SET r = row.props
SET r.version = coalesce(before.version, 0) + 1, r.recordedAt = datetime()
RETURN row.id AS id, row.from AS from, row.to AS to, elementId(r) AS ref, before, properties(r) AS after,
       r.sensitivity AS level, a.sensitivity AS fromLevel, b.sensitivity AS toLevel
