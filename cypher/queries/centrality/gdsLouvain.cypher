// Why: Louvain communities from GDS on the undirected projection. mutate (into the request's own
// in-memory graph, never the database) returns the final modularity of the same run whose
// assignment gdsCommunities then streams. The property ($property) is the request's own: the
// projection is cached and shared between requests, and GDS refuses to mutate a property twice;
// gdsDropProperty removes it afterwards.
CALL gds.louvain.mutate($graphName, {mutateProperty: $property})
YIELD modularity, communityCount
RETURN modularity, communityCount
