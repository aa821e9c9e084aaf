// The ids of the sources the caller may see: a citation (sourceIds with their parallel quotes)
// of any other source is dropped from what the caller receives (exports, audit), as paths do.
MATCH (s:Source)
WHERE s.sensitivity IN $allowed
RETURN collect(s.id) AS ids
