// A new relationship at version 1 between two existing nodes; labels and type are spliced
// from closed lists after the endpoint table (REL_ENDPOINTS) allowed them.
MATCH (a:__FROM__ {id: $from})
MATCH (b:__TO__ {id: $to})
CREATE (a)-[r:__TYPE__]->(b)
SET r = $props, r.version = 1, r.recordedAt = datetime()
RETURN properties(r) AS props
