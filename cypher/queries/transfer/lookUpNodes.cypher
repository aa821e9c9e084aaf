// Label, level and staging import of nodes by id, for import validation: ids the file defines
// (a clash with another label or a hidden node is refused) and relationship ends it does not.
// Through the per-label id indexes (an unlabelled MATCH would scan every node).
UNWIND $ids AS id
CALL (id) {
  MATCH (n:Actor {id: id}) RETURN n
  UNION MATCH (n:Mandate {id: id}) RETURN n
  UNION MATCH (n:Agreement {id: id}) RETURN n
  UNION MATCH (n:Initiative {id: id}) RETURN n
  UNION MATCH (n:Threat {id: id}) RETURN n
  UNION MATCH (n:Region {id: id}) RETURN n
  UNION MATCH (n:Source {id: id}) RETURN n
}
RETURN n.id AS id, labels(n)[0] AS label, n.sensitivity AS sensitivity, n.importId AS importId
