// Why: the nodes whose mutated score is at least $floor (just under the N-th largest), by id:
// every node that can rank among the first N, ties at the boundary included.
CALL gds.graph.nodeProperty.stream($graphName, $property)
YIELD nodeId, propertyValue
WITH nodeId, propertyValue
WHERE propertyValue >= $floor
RETURN gds.util.asNode(nodeId).id AS id, propertyValue AS score
