// One actor with the sources its facts rest on (only sources the caller may see).
MATCH (a:Actor {id: $id})
WHERE a.sensitivity IN $allowed
OPTIONAL MATCH (s:Source)
WHERE s.id IN a.sourceIds AND s.sensitivity IN $allowed
RETURN a {.*} AS actor, collect(s {.id, .title, .kind, .date, .url}) AS sources
