// Why: an actor with no recorded geography cannot be "present" anywhere, which is unknown, not
// absent. The actors of the scope are those placed in it plus those acting on what is in it
// (participating, party, holding a mandate, funding); an actor's presence is known when it
// OPERATES_IN a region, has members (its reach through them), visible and valid on $asOf, or is a
// national or local actor of a known country (countryIso2).
MATCH (a:Actor)
WHERE a.sensitivity IN $allowed
  AND ($asOf IS NULL OR ((a.validFrom IS NULL OR a.validFrom <= $asOf) AND (a.validTo IS NULL OR a.validTo > $asOf)))
  AND ($scope IS NULL OR a.id IN $scope OR EXISTS {
    MATCH (a)-[l:PARTICIPATES_IN|PARTY_TO|HAS_MANDATE|FUNDS]->(x)
    WHERE x.id IN $scope AND l.sensitivity IN $allowed AND x.sensitivity IN $allowed
      AND ($asOf IS NULL OR ((l.validFrom IS NULL OR l.validFrom <= $asOf) AND (l.validTo IS NULL OR l.validTo > $asOf)))
  })
WITH a, a.countryIso2 IS NOT NULL OR EXISTS {
  MATCH (a)-[l:OPERATES_IN]->(r:Region)
  WHERE l.sensitivity IN $allowed AND r.sensitivity IN $allowed
    AND ($asOf IS NULL OR ((l.validFrom IS NULL OR l.validFrom <= $asOf) AND (l.validTo IS NULL OR l.validTo > $asOf)))
} OR EXISTS {
  MATCH (m:Actor)-[l:MEMBER_OF]->(a)
  WHERE l.sensitivity IN $allowed AND m.sensitivity IN $allowed
    AND ($asOf IS NULL OR ((l.validFrom IS NULL OR l.validFrom <= $asOf) AND (l.validTo IS NULL OR l.validTo > $asOf)))
} AS known
ORDER BY a.name, a.id
RETURN count(a) AS inScope,
       sum(CASE WHEN known THEN 0 ELSE 1 END) AS unknown,
       collect(CASE WHEN NOT known THEN {id: a.id, name: a.name, label: 'Actor', kind: a.kind} END)[0..$limit] AS examples
