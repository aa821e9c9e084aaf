// The visible threat taxonomy (each threat with its SUBTYPE_OF parents) as of $asOf; small, so
// subtype and supertype families are worked out in TypeScript with a bounded depth.
MATCH (t:Threat)
WHERE t.sensitivity IN $allowed AND coalesce(t.validFrom <= $asOf, true) AND coalesce(t.validTo > $asOf, true)
RETURN t.id AS id, t.name AS name,
       [(t)-[s:SUBTYPE_OF]->(p:Threat)
        WHERE all(x IN [s, p] WHERE x.sensitivity IN $allowed AND coalesce(x.validFrom <= $asOf, true) AND coalesce(x.validTo > $asOf, true))
        | p.id] AS parents
