// Why: Louvain communities from GDS on the undirected projection. mutate (into the request's own
// in-memory graph, never the database) returns the final modularity of the same run whose
// assignment gdsCommunities then streams.
CALL gds.louvain.mutate($graphName, {mutateProperty: 'community'})
YIELD modularity, communityCount
RETURN modularity, communityCount
