// A path endpoint given by id: any entity but a Source (sources are cited, never traversed),
// visible at the caller's clearance. The label disjunction lets the planner seek each label's
// unique id index instead of scanning all nodes. Validity comes back so the caller can say
// "did not exist on that date" instead of an unexplained empty answer.
MATCH (n:Actor|Mandate|Agreement|Initiative|Threat|Region {id: $id})
WHERE n.sensitivity IN $allowed
RETURN n {.id, .name, .acronym, .validFrom, .validTo, label: labels(n)[0]} AS node
LIMIT 1
