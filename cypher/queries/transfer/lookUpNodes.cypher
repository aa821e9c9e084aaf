// Label, level and staging import of nodes by id, for import validation: ids the file defines
// (a clash with another label or a hidden node is refused) and relationship ends it does not.
// One seek per id in the entity_id index (every node of the seven labels is an :Entity, and ids
// are unique across them), instead of a seek in each of the seven per-label id indexes.
UNWIND $ids AS id
MATCH (n:Entity {id: id})
RETURN n.id AS id, [l IN labels(n) WHERE l <> 'Entity'][0] AS label, n.sensitivity AS sensitivity, n.importId AS importId
