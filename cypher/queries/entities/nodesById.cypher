// Label, level and endpoints-check data of nodes by id, through the per-label id indexes
// (an unlabelled MATCH would scan every node).
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
RETURN n.id AS id, [lb IN labels(n) WHERE lb <> 'Entity'][0] AS label, n.sensitivity AS sensitivity
