// Full-text search over actor names, acronyms and aliases; $query is a Lucene query built
// from the user's words with every Lucene operator escaped. Only finds the visible candidates:
// the server ranks them itself (actors/relevance.ts), because Lucene's scores count hidden
// actors too. $candidates bounds the work for a very common word.
CALL db.index.fulltext.queryNodes('actor_names', $query) YIELD node
WHERE node.sensitivity IN $allowed
RETURN node {.id, .name, .acronym, .aliases, .kind} AS actor
LIMIT $candidates
