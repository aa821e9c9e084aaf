// Why: degree from GDS; orientation NATURAL on an undirected projection is the number of distinct
// neighbours, NATURAL/REVERSE on a directed projection the out-/in-degree.
CALL gds.degree.stream($graphName, {orientation: $orientation})
YIELD nodeId, score
RETURN gds.util.asNode(nodeId).id AS id, score
