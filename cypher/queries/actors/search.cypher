// Full-text search over actor names, acronyms and aliases; $query is a Lucene query built
// from the user's words with every Lucene operator escaped.
CALL db.index.fulltext.queryNodes('actor_names', $query) YIELD node, score
WHERE node.sensitivity IN $allowed
RETURN node {.id, .name, .acronym, .aliases, .kind} AS actor, score
ORDER BY score DESC, actor.name
LIMIT $limit
