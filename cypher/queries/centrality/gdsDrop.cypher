// Why: every request projects its own uniquely named graph; dropping it (failIfMissing false)
// frees the catalog memory even when the algorithm failed.
CALL gds.graph.drop($graphName, false) YIELD graphName
RETURN graphName
