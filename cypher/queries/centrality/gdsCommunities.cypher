// Why: the community each node of the projection was put in by gdsLouvain (its $property).
CALL gds.graph.nodeProperty.stream($graphName, $property)
YIELD nodeId, propertyValue
RETURN gds.util.asNode(nodeId).id AS id, propertyValue AS communityId
