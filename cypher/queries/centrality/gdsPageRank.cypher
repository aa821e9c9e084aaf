// Why: PageRank from GDS, damping 0.85, iterated to a tight tolerance; the service rescales the
// scores to sum to 1, which makes them equal to networkx's (see service for why that holds).
CALL gds.pageRank.stream($graphName, {dampingFactor: 0.85, maxIterations: $maxIterations, tolerance: $tolerance})
YIELD nodeId, score
RETURN gds.util.asNode(nodeId).id AS id, score
