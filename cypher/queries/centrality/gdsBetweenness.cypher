// Why: Brandes betweenness from GDS; $config carries samplingSize/samplingSeed when sampling.
CALL gds.betweenness.stream($graphName, $config)
YIELD nodeId, score
RETURN gds.util.asNode(nodeId).id AS id, score
