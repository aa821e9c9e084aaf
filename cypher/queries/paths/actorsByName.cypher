// A path endpoint given as text: the best visible actors by name, acronym or alias; the first is
// used and the others are offered as alternatives. $query is built by toLuceneQuery (escaped).
CALL db.index.fulltext.queryNodes('actor_names', $query) YIELD node, score
WHERE node.sensitivity IN $allowed
RETURN node {.id, .name, .acronym, validFrom: toString(node.validFrom), validTo: toString(node.validTo), label: 'Actor'} AS node, score
ORDER BY score DESC, node.name
LIMIT $limit
