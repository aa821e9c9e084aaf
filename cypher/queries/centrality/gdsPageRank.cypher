// Why: PageRank from GDS, damping 0.85, iterated to a tight tolerance ($config; weighted, it also
// names relationshipWeightProperty); the service rescales the scores to sum to 1, which makes
// them equal to networkx's (see service for why that holds).
CALL gds.pageRank.stream($graphName, $config)
YIELD nodeId, score
RETURN gds.util.asNode(nodeId).id AS id, score
