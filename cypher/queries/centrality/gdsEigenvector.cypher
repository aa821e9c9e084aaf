// Why: eigenvector centrality from GDS on the undirected projection, unit Euclidean norm.
CALL gds.eigenvector.stream($graphName, {maxIterations: $maxIterations, tolerance: $tolerance})
YIELD nodeId, score
RETURN gds.util.asNode(nodeId).id AS id, score
