// Why: "unfunded" and "no funding recorded" are different findings. This counts the initiatives of
// the scope ($scope: ids from the region/threat scope, null for the whole graph) and those with no
// funding fact at all (no FUNDS into them, no participant with the funder role), visible and
// valid on $asOf, so a planner reads them as unknown, not as missing money.
MATCH (i:Initiative)
WHERE i.sensitivity IN $allowed AND ($scope IS NULL OR i.id IN $scope)
WITH i, EXISTS {
  MATCH (f:Actor)-[l:FUNDS|PARTICIPATES_IN]->(i)
  WHERE (type(l) = 'FUNDS' OR l.role = 'funder')
    AND l.sensitivity IN $allowed AND f.sensitivity IN $allowed
    AND ($asOf IS NULL OR ((l.validFrom IS NULL OR l.validFrom <= $asOf) AND (l.validTo IS NULL OR l.validTo > $asOf)))
} AS known
ORDER BY i.name, i.id
RETURN count(i) AS inScope,
       sum(CASE WHEN known THEN 0 ELSE 1 END) AS unknown,
       collect(CASE WHEN NOT known THEN {id: i.id, name: i.name, label: 'Initiative'} END)[0..$limit] AS examples
