// Why: a fact without the words it rests on cannot be checked by a reader. Counts the
// relationships touching the scope (either end in it; the whole graph when $scope is null),
// visible and valid on $asOf, and those with no quote. Left out: the region hierarchy and the
// threat taxonomy, and what the loader generated from official lists (memberships), whose source
// is a list, not a sentence.
MATCH (s)-[r]->(t)
WHERE r.sensitivity IN $allowed AND s.sensitivity IN $allowed AND t.sensitivity IN $allowed
  AND ($asOf IS NULL OR ((r.validFrom IS NULL OR r.validFrom <= $asOf) AND (r.validTo IS NULL OR r.validTo > $asOf)))
  AND NOT (s:Region AND t:Region) AND type(r) <> 'SUBTYPE_OF' AND coalesce(r.generated, false) = false
  AND ($scope IS NULL OR s.id IN $scope OR t.id IN $scope)
WITH r, s, t, any(q IN coalesce(r.quotes, []) WHERE q <> '') AS known
ORDER BY type(r), s.name, t.name, r.id
RETURN count(r) AS inScope,
       sum(CASE WHEN known THEN 0 ELSE 1 END) AS unknown,
       collect(CASE WHEN NOT known THEN {
         id: r.id, type: type(r), sourceIds: coalesce(r.sourceIds, []),
         from: {id: s.id, name: s.name, label: [lb IN labels(s) WHERE lb <> 'Entity'][0]}, to: {id: t.id, name: t.name, label: [lb IN labels(t) WHERE lb <> 'Entity'][0]}
       } END)[0..$limit] AS examples
