// The names the extractor recognises: every entity the caller may see, by name, acronym and
// aliases. Labels come from the closed list the service passes.
MATCH (n)
WHERE any(lb IN labels(n) WHERE lb IN $labels) AND n.sensitivity IN $allowed
RETURN n.id AS id, [lb IN labels(n) WHERE lb <> 'Entity'][0] AS label, n.name AS name, n.acronym AS acronym, coalesce(n.aliases, []) AS aliases,
  n.iso2 AS iso2, n.kind AS kind, n.sensitivity AS sensitivity
