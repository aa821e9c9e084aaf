// Which threats affect which regions (AFFECTS), the situations gaps are looked for in.
MATCH (t:Threat)-[f:AFFECTS]->(r:Region)
WHERE all(x IN [t, f, r] WHERE x.sensitivity IN $allowed AND coalesce(x.validFrom <= $asOf, true) AND coalesce(x.validTo > $asOf, true))
RETURN t.id AS threatId, r.id AS regionId, f {.id, .sourceIds, .quotes} AS rel
