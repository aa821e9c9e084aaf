// The sources the steps of the returned paths cite, only those the caller may see; a hidden
// source is simply absent, so its quote is dropped too.
MATCH (s:Source)
WHERE s.id IN $ids AND s.sensitivity IN $allowed
RETURN s {.id, .title, .kind} AS source
