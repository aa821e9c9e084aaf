// The visible region hierarchy (each region with its PART_OF parents) as of $asOf; the containing
// and contained regions of a question are worked out in TypeScript with a bounded depth.
MATCH (r:Region)
WHERE r.sensitivity IN $allowed AND coalesce(r.validFrom <= $asOf, true) AND coalesce(r.validTo > $asOf, true)
RETURN r.id AS id, r.name AS name, r.kind AS kind,
       [(r)-[p:PART_OF]->(q:Region)
        WHERE all(x IN [p, q] WHERE x.sensitivity IN $allowed AND coalesce(x.validFrom <= $asOf, true) AND coalesce(x.validTo > $asOf, true))
        | q.id] AS parents
