// Why: closeness from GDS; with $wassermanFaust the correction for disconnected graphs
// (networkx wf_improved=True), without it the plain (r - 1) / sum of distances.
CALL gds.closeness.stream($graphName, {useWassermanFaust: $wassermanFaust})
YIELD nodeId, score
RETURN gds.util.asNode(nodeId).id AS id, score
