// Why: removes a request's own node property (gdsLouvain's community) from a cached projection,
// so the projection serves later requests as it was made and holds no memory for this one.
CALL gds.graph.nodeProperties.drop($graphName, [$property])
YIELD propertiesRemoved
RETURN propertiesRemoved
