// Both ends of a path request given by id, in one round trip: any entity but a Source (sources are
// cited, never traversed), visible at the caller's clearance. The label disjunction lets the
// planner seek each label's unique id index instead of scanning all nodes. Validity comes back
// (as ISO strings) so the caller can say "did not exist on that date" instead of an unexplained
// empty answer. An id nothing visible has is absent from the answer.
UNWIND $ids AS id
CALL (id) {
  MATCH (n:Actor|Mandate|Agreement|Initiative|Threat|Region {id: id})
  WHERE n.sensitivity IN $allowed
  RETURN n
  LIMIT 1
}
RETURN n {.id, .name, .acronym, validFrom: toString(n.validFrom), validTo: toString(n.validTo), label: [lb IN labels(n) WHERE lb <> 'Entity'][0]} AS node
