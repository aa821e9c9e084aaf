// Why: drops a projection (failIfMissing false) once no request uses it: a stale or evicted
// cached one, or a failed attempt; frees the catalog memory even when the algorithm failed.
CALL gds.graph.drop($graphName, false) YIELD graphName
RETURN graphName
