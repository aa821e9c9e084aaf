// Why: a request whose connection died mid-computation (process killed, driver closed) never
// drops its projection. Any centrality projection older than $maxAgeSeconds, far longer than a
// query may run, is such a leftover and is dropped so the catalog cannot fill up.
CALL gds.graph.list() YIELD graphName, creationTime
WITH graphName, creationTime
WHERE graphName STARTS WITH 'atlas-centrality-' AND creationTime < datetime() - duration({seconds: $maxAgeSeconds})
CALL gds.graph.drop(graphName, false) YIELD graphName AS dropped
RETURN count(dropped) AS dropped
