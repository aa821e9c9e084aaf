// Why: the community each node of the projection was put in by gdsLouvain.
CALL gds.graph.nodeProperty.stream($graphName, 'community')
YIELD nodeId, propertyValue
RETURN gds.util.asNode(nodeId).id AS id, propertyValue AS communityId
