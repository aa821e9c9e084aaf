// Removes one relationship (already audited by the caller of this query).
MATCH ()-[r:__TYPE__ {id: $id}]->()
DELETE r
RETURN count(*) AS deleted
